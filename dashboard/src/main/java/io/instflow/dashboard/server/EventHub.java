package io.instflow.dashboard.server;

import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Fans server-sent events out to the connected pages. Each page has a bounded queue; a page that
 * falls that far behind gets its queue replaced by a fresh snapshot instead of holding the feed up.
 */
public final class EventHub {

    private static final int QUEUE_CAPACITY = 512;

    private final Set<Subscriber> subscribers = ConcurrentHashMap.newKeySet();
    private final Supplier<String> snapshotFrame;

    /**
     * @param snapshotFrame the whole state as one {@code snapshot} event frame
     */
    public EventHub(Supplier<String> snapshotFrame) {
        this.snapshotFrame = snapshotFrame;
    }

    public Subscriber subscribe() {
        Subscriber s = new Subscriber();
        subscribers.add(s);
        return s;
    }

    public void publish(String frame) {
        for (Subscriber s : subscribers) {
            if (!s.queue.offer(frame)) {
                s.queue.clear();
                s.queue.offer(snapshotFrame.get());
            }
        }
    }

    public int subscribers() {
        return subscribers.size();
    }

    /** One connected page. */
    public final class Subscriber implements AutoCloseable {
        private final BlockingQueue<String> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);

        /** The next frame, or null when none came within the timeout. */
        public String next(long timeout, TimeUnit unit) throws InterruptedException {
            return queue.poll(timeout, unit);
        }

        @Override
        public void close() {
            subscribers.remove(this);
        }
    }
}
