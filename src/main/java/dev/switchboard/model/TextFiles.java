package dev.switchboard.model;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads the small UTF-8 text files a stack is made of, refusing anything suspiciously large. */
final class TextFiles {
    /** Largest stack or env file read: real ones are a few KiB. */
    static final long MAX_BYTES = 1024 * 1024;

    /** The file is over {@link #MAX_BYTES}. */
    static final class TooLarge extends IOException {
        final long size;

        TooLarge(long size) {
            super("larger than 1 MiB (" + size + " bytes)");
            this.size = size;
        }
    }

    private TextFiles() {
    }

    /** Reads a UTF-8 file, without a byte order mark. */
    static String read(Path file) throws IOException {
        long size = Files.size(file);
        if (size > MAX_BYTES) {
            throw new TooLarge(size);
        }
        String text = decode(Files.readAllBytes(file));
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    private static String decode(byte[] bytes) throws CharacterCodingException {
        return StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(bytes))
                .toString();
    }

    /** Why an I/O operation failed, in words. */
    static String reason(IOException e) {
        return switch (e) {
            case NoSuchFileException ignored -> "it does not exist";
            case AccessDeniedException ignored -> "permission denied";
            default -> e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        };
    }
}
