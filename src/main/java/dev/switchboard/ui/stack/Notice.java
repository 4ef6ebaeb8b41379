package dev.switchboard.ui.stack;

/**
 * Something worth a desktop notification: a stack became ready or failed.
 *
 * @param stack   the stack's name
 * @param failure true for a failure
 * @param text    one line to show
 */
public record Notice(String stack, boolean failure, String text) {
}
