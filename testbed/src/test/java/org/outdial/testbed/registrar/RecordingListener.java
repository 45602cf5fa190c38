package org.outdial.testbed.registrar;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.outdial.sip.registrar.Registration;
import org.outdial.sip.registrar.RegistrationListener;

/** Records what the registrar tells its listeners, in order, as {@code online 4030} / {@code offline 4030 EXPIRED}. */
final class RecordingListener implements RegistrationListener {

    private final BlockingQueue<String> events = new LinkedBlockingQueue<>();

    @Override
    public void online(Registration registration) {
        events.add("online " + registration.line());
    }

    @Override
    public void offline(String line, OfflineReason reason) {
        events.add("offline " + line + " " + reason);
    }

    /** The next event within {@code timeout}, or null. */
    String next(Duration timeout) throws InterruptedException {
        return events.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The next event that is not an {@code online} refresh, within {@code timeout}, or null. */
    String nextOffline(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            String event = events.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (event == null || event.startsWith("offline")) {
                return event;
            }
        }
    }

    boolean isEmpty() {
        return events.isEmpty();
    }
}
