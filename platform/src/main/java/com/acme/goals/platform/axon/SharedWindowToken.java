package com.acme.goals.platform.axon;

import org.axonframework.eventhandling.MergedTrackingToken;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.MongoTrackingToken;

import java.time.Duration;
import java.time.Instant;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A Mongo tracking token whose look-back window (the id and time of every event of the last {@code lookBack}) is a
 * range of a log it shares with the tokens it was advanced from. Axon's own token copies the whole window into a new map
 * for every event it advances over: each event read cost time and memory in proportion to the events of the window,
 * that is to the rate of events. At 175 hires a second goal-service's cache of recent events held about 5,000 such
 * maps of 1,750 entries (over 500 MB, issue 19). Here an event costs one append to the log and an object of four
 * fields.
 * <p>
 * It behaves as the token it stands for: the same window, in the same order, trimmed by the same rule. It is never
 * stored as itself: {@link #plain} turns it back into Axon's token before a token store sees it (the stored form is
 * unchanged, and an older release reads it).
 */
public final class SharedWindowToken extends MongoTrackingToken {

    private final Log log;
    private final int from;
    private final int to;

    private SharedWindowToken(long timestamp, Log log, int from, int to) {
        this(timestamp, log, from, to, new Window(log, from, to));
    }

    private SharedWindowToken(long timestamp, Log log, int from, int to, Window window) {
        super(timestamp, window);
        this.log = log;
        this.from = from;
        this.to = to;
    }

    /** The same position as {@code token}, with its window in a log of its own that the tokens after it share. */
    public static SharedWindowToken of(MongoTrackingToken token) {
        if (token instanceof SharedWindowToken shared) {
            return shared;
        }
        Log log = new Log(Math.max(16, token.getTrackedEvents().size() * 2));
        token.getTrackedEvents().forEach(log::append);
        return new SharedWindowToken(token.getTimestamp().toEpochMilli(), log, 0, log.size());
    }

    /** How many entries the log behind this token holds (the window and what is before it): its memory. */
    int logLength() {
        return log.size();
    }

    /** Axon's own token for the same position (inside a replay or merge token too): what a token store keeps. */
    public static TrackingToken plain(TrackingToken token) {
        if (token instanceof SharedWindowToken shared) {
            return MongoTrackingToken.of(shared.getTimestamp(), new LinkedHashMap<>(shared.getTrackedEvents()));
        }
        if (token instanceof ReplayToken replay) {
            TrackingToken atReset = plain(replay.getTokenAtReset());
            TrackingToken current = plain(replay.getCurrentToken());
            return atReset == replay.getTokenAtReset() && current == replay.getCurrentToken() ? replay
                    : new ReplayToken(atReset, current);
        }
        if (token instanceof MergedTrackingToken merged) {
            TrackingToken lower = plain(merged.lowerSegmentToken());
            TrackingToken upper = plain(merged.upperSegmentToken());
            return lower == merged.lowerSegmentToken() && upper == merged.upperSegmentToken() ? merged
                    : new MergedTrackingToken(lower, upper);
        }
        return token;
    }

    /** As Axon's: the event joins the window, and events older than {@code lookBack} before the newest leave it. */
    @Override
    public MongoTrackingToken advanceTo(Instant timestamp, String eventIdentifier, Duration lookBackTime) {
        if (getTrackedEvents().containsKey(eventIdentifier)) {
            throw new IllegalArgumentException(String.format(
                    "The event to advance to [%s] should not be one of the token's known events", eventIdentifier));
        }
        long millis = timestamp.toEpochMilli();
        Log next = log.appendAt(from, to, eventIdentifier, millis);
        int start = next == log ? from : 0;
        int end = next == log ? to + 1 : next.size();
        long newest = Math.max(millis, getTimestamp().toEpochMilli());
        long cutOff = newest - lookBackTime.toMillis();
        while (start < end && next.time(start) < cutOff) {
            start++;
        }
        if (next == log && start > Log.COMPACT_AFTER && start > end - start) {
            next = log.copy(start, end); // the head of this log is behind every token advanced from here on
            return new SharedWindowToken(newest, next, 0, next.size());
        }
        return new SharedWindowToken(newest, next, start, end);
    }

    /**
     * Event ids and times in the order they joined. Tokens advanced one from another append to the same log; a token
     * advanced from one that is not the newest of its log (two readers from one position) starts a log of its own.
     */
    static final class Log {

        /** A log is copied without its head once more than this many entries are behind the newest token. */
        static final int COMPACT_AFTER = 4_096;
        private volatile String[] ids;
        private volatile long[] times;
        private volatile int size;
        private final Map<String, Integer> positions = new ConcurrentHashMap<>();

        Log(int capacity) {
            ids = new String[capacity];
            times = new long[capacity];
        }

        int size() {
            return size;
        }

        String id(int position) {
            return ids[position];
        }

        long time(int position) {
            return times[position];
        }

        /** Where the id is in this log, or -1. */
        int position(Object id) {
            Integer position = positions.get(id);
            return position == null ? -1 : position;
        }

        synchronized void append(String id, long time) {
            if (size == ids.length) {
                String[] moreIds = java.util.Arrays.copyOf(ids, size * 2);
                long[] moreTimes = java.util.Arrays.copyOf(times, size * 2);
                times = moreTimes;
                ids = moreIds;
            }
            ids[size] = id;
            times[size] = time;
            positions.put(id, size);
            size = size + 1; // written last: a reader that sees the size sees the entry
        }

        /**
         * Appends after the window {@code [start, end)}: in this log when its end is the newest entry, otherwise (or when
         * the id is in this log already, before the window) in a copy of the window.
         */
        synchronized Log appendAt(int start, int end, String id, long time) {
            if (end == size && !positions.containsKey(id)) {
                append(id, time);
                return this;
            }
            Log copy = copy(start, end);
            copy.append(id, time);
            return copy;
        }

        synchronized Log copy(int start, int end) {
            Log copy = new Log(Math.max(16, (end - start) * 2));
            for (int i = start; i < end; i++) {
                if (!copy.positions.containsKey(ids[i])) {
                    copy.append(ids[i], times[i]);
                }
            }
            return copy;
        }
    }

    /** The window [from, to) of a log, as the read-only map Axon's token keeps: id to event time, oldest first. */
    private static final class Window extends AbstractMap<String, Long> {

        private final Log log;
        private final int from;
        private final int to;

        Window(Log log, int from, int to) {
            this.log = log;
            this.from = from;
            this.to = to;
        }

        private int at(Object id) {
            int position = log.position(id);
            return position >= from && position < to ? position : -1;
        }

        @Override
        public boolean containsKey(Object key) {
            return at(key) >= 0;
        }

        @Override
        public Long get(Object key) {
            int position = at(key);
            return position < 0 ? null : log.time(position);
        }

        @Override
        public int size() {
            return to - from;
        }

        @Override
        public Set<Entry<String, Long>> entrySet() {
            return new AbstractSet<>() {
                @Override
                public Iterator<Entry<String, Long>> iterator() {
                    return new Iterator<>() {
                        private int next = from;

                        @Override
                        public boolean hasNext() {
                            return next < to;
                        }

                        @Override
                        public Entry<String, Long> next() {
                            if (next >= to) {
                                throw new NoSuchElementException();
                            }
                            int position = next++;
                            return new SimpleImmutableEntry<>(log.id(position), log.time(position));
                        }
                    };
                }

                @Override
                public int size() {
                    return to - from;
                }
            };
        }
    }
}
