package dev.switchboard.ui;

import dev.switchboard.engine.Event;
import dev.switchboard.ui.stack.ControlPanelViewModel;
import javafx.animation.AnimationTimer;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;

/**
 * Carries supervisor events to the FX thread: the supervisor's thread only enqueues; once per frame
 * an {@link AnimationTimer} drains the queue and hands the whole batch to the view model, so a
 * process printing thousands of lines a second costs one update per frame, not one per line.
 * Also advances the view model's clock a few times a second for elapsed-time captions.
 */
public final class EventPump implements Consumer<Event> {
    private static final long TICK_NANOS = 100_000_000L;
    private static final int MAX_BATCH = 50_000;
    /**
     * Live log lines per second and process the window asks for; more is thinned out before it is
     * sent (the log files keep every line). The log view's "thinned" tooltip quotes it.
     */
    public static final int LOG_LINES_PER_SECOND = 1_000;

    private final ConcurrentLinkedQueue<Event> queue = new ConcurrentLinkedQueue<>();
    private final ControlPanelViewModel vm;
    private final AnimationTimer timer;
    private long lastTick;

    /** Creates a pump feeding the view model; call {@link #start()} on the FX thread. */
    public EventPump(ControlPanelViewModel vm) {
        this.vm = vm;
        this.timer = new AnimationTimer() {
            @Override
            public void handle(long now) {
                drain();
                if (now - lastTick >= TICK_NANOS) {
                    lastTick = now;
                    vm.tick();
                }
            }
        };
    }

    /** Called on a supervisor thread: never blocks. */
    @Override
    public void accept(Event event) {
        queue.add(event);
    }

    /** Starts draining once per frame. */
    public void start() {
        timer.start();
    }

    /** Stops draining. */
    public void stop() {
        timer.stop();
    }

    /** Applies everything queued so far (at most a large batch per frame, the rest next frame). */
    void drain() {
        if (queue.isEmpty()) {
            return;
        }
        List<Event> batch = new ArrayList<>();
        Event e;
        while (batch.size() < MAX_BATCH && (e = queue.poll()) != null) {
            batch.add(e);
        }
        vm.apply(batch);
    }
}
