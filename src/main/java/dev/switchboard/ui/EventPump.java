package dev.switchboard.ui;

import dev.switchboard.engine.Event;
import dev.switchboard.ui.stack.ControlPanelViewModel;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Carries supervisor events to the FX thread: the supervisor's thread only enqueues; once per frame
 * an {@link AnimationTimer} drains the queue and hands the whole batch to the view model, so a
 * process printing thousands of lines a second costs one update per frame, not one per line.
 * The timer runs only while events come: a running AnimationTimer makes JavaFX draw frames
 * continuously, so a window with nothing to show would never be idle. It stops after a few empty
 * frames and the next event starts it again. Also advances the view model's clock for elapsed-time
 * captions: ten times a second while a process is starting or stopping, once a second otherwise
 * (uptimes), from a timer thread, which needs no frames.
 */
public final class EventPump implements Consumer<Event> {
    private static final long FAST_TICK_MILLIS = 100;
    private static final long SLOW_TICK_MILLIS = 1000;
    private static final int MAX_BATCH = 50_000;
    /** Empty frames after which the timer stops (under a flood, events come every frame). */
    private static final int IDLE_FRAMES = 30;
    /**
     * Live log lines per second and process the window asks for; more is thinned out before it is
     * sent (the log files keep every line). The log view's "thinned" tooltip quotes it.
     */
    public static final int LOG_LINES_PER_SECOND = 1_000;

    private static final ScheduledExecutorService TICKER = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("switchboard-ui-tick").factory());

    private final ConcurrentLinkedQueue<Event> queue = new ConcurrentLinkedQueue<>();
    private final ControlPanelViewModel vm;
    private final AnimationTimer timer;
    /** True from the moment a start of the timer is asked for until it stops itself. */
    private final AtomicBoolean draining = new AtomicBoolean();
    private volatile boolean started;
    private int emptyFrames; // FX thread
    private ScheduledFuture<?> nextTick; // FX thread
    private boolean fastTicks; // FX thread
    private long tickGeneration; // FX thread: a tick already on its way when a newer one was planned is dropped

    /** Creates a pump feeding the view model; call {@link #start()} on the FX thread. */
    public EventPump(ControlPanelViewModel vm) {
        this.vm = vm;
        this.timer = new AnimationTimer() {
            @Override
            public void handle(long now) {
                if (drain()) {
                    emptyFrames = 0;
                } else if (++emptyFrames >= IDLE_FRAMES) {
                    stopDraining();
                }
            }
        };
    }

    /** Called on a supervisor thread: never blocks. */
    @Override
    public void accept(Event event) {
        queue.add(event);
        if (started && draining.compareAndSet(false, true)) {
            Platform.runLater(this::startDraining);
        }
    }

    /** Starts taking events (on the FX thread). */
    public void start() {
        started = true;
        draining.set(true);
        startDraining();
        tick();
    }

    /** Stops taking events. */
    public void stop() {
        started = false;
        timer.stop();
        if (nextTick != null) {
            nextTick.cancel(false);
        }
    }

    private void tick() {
        if (!started) {
            return;
        }
        vm.tick();
        fastTicks = vm.anyInTransition();
        long generation = ++tickGeneration;
        if (nextTick != null) {
            nextTick.cancel(false);
        }
        nextTick = TICKER.schedule(() -> Platform.runLater(() -> {
            if (generation == tickGeneration) {
                tick();
            }
        }), fastTicks ? FAST_TICK_MILLIS : SLOW_TICK_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** True while the frame timer runs (tests). */
    boolean isDraining() {
        return draining.get();
    }

    private void startDraining() {
        if (started) {
            emptyFrames = 0;
            timer.start();
        }
    }

    private void stopDraining() {
        timer.stop();
        draining.set(false);
        // an event that came after the last drain, while draining was still true, started nothing
        if (!queue.isEmpty() && draining.compareAndSet(false, true)) {
            startDraining();
        }
    }

    /** Applies everything queued so far (at most a large batch per frame, the rest next frame); false if there was nothing. */
    boolean drain() {
        if (queue.isEmpty()) {
            return false;
        }
        List<Event> batch = new ArrayList<>();
        Event e;
        while (batch.size() < MAX_BATCH && (e = queue.poll()) != null) {
            batch.add(e);
        }
        vm.apply(batch);
        if (!fastTicks && started && vm.anyInTransition()) {
            // something began to start or stop: its caption counts from now, not from the next slow tick
            tick();
        }
        return true;
    }
}
