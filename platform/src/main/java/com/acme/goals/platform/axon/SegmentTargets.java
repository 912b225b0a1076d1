package com.acme.goals.platform.axon;

import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Brings a tracking processor up to its configured number of segments when its token store has fewer. Axon applies
 * {@code initial-segment-count} only when a processor's tokens are first made, so a store from a release that ran one
 * segment would keep the projection on one instance for good. Only a segment this instance holds can be split, the
 * largest first; another instance splits its own the same way when it starts.
 */
public final class SegmentTargets {

    private static final Logger log = LoggerFactory.getLogger(SegmentTargets.class);

    /** Three of Axon's default token claim intervals (5 s): a live launcher claims a free segment well within it. */
    private static final Duration CLAIM_WAIT = Duration.ofSeconds(15);

    private SegmentTargets() {
    }

    /** Splits until the store holds {@code target} segments or this instance holds none to split; returns the count. */
    public static int split(TrackingEventProcessor processor, TokenStore tokenStore, int target, Duration patience)
            throws InterruptedException {
        return split(processor, tokenStore, target, patience, CLAIM_WAIT);
    }

    static int split(TrackingEventProcessor processor, TokenStore tokenStore, int target, Duration patience, Duration claimWait)
            throws InterruptedException {
        long giveUpAt = System.nanoTime() + patience.toNanos();
        int count = tokenStore.fetchSegments(processor.getName()).length;
        while (count < target && System.nanoTime() < giveUpAt) {
            Optional<Integer> largest = processor.processingStatus().values().stream()
                    .filter(status -> !status.isErrorState())
                    .map(EventTrackerStatus::getSegment)
                    .min(Comparator.comparingInt(segment -> segment.getMask()))
                    .map(segment -> segment.getSegmentId());
            if (largest.isEmpty()) {
                Thread.sleep(1000); // not claimed yet (just started), or held elsewhere
                continue;
            }
            try {
                int[] before = tokenStore.fetchSegments(processor.getName());
                boolean done = processor.splitSegment(largest.get()).get(10, TimeUnit.SECONDS);
                if (done) {
                    log.info("processor {}: split segment {} ({} of {} segments)", processor.getName(), largest.get(), count + 1, target);
                    int[] after = tokenStore.fetchSegments(processor.getName());
                    for (int added : Arrays.stream(after).filter(id -> Arrays.stream(before).noneMatch(old -> old == id)).toArray()) {
                        seeClaimed(processor, tokenStore, added, claimWait);
                    }
                }
            } catch (Exception e) {
                log.warn("processor {}: could not split segment {} yet: {}", processor.getName(), largest.get(), e.toString());
                Thread.sleep(500);
            }
            count = tokenStore.fetchSegments(processor.getName()).length;
        }
        return count;
    }

    /**
     * Axon 4.13's launcher can end while a split-off segment is still unclaimed: the split segment's worker stops and
     * hands back its thread just as the launcher takes what it counts as the last free one, and the worker, seeing the
     * launcher still running, starts none. Nothing on this instance would claim the new segment again (CI saw it
     * twice); restarting the processor starts a launcher. A segment another instance claimed is left alone.
     */
    private static void seeClaimed(TrackingEventProcessor processor, TokenStore tokenStore, int segment, Duration wait)
            throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (!claimed(processor, tokenStore, segment)) {
            if (System.nanoTime() >= deadline) {
                if (processor.availableProcessorThreads() > 0) {
                    log.warn("processor {}: segment {} split off {} s ago is claimed by no one while a thread is free; restarting the processor",
                            processor.getName(), segment, wait.toSeconds());
                    processor.shutDown();
                    processor.start();
                }
                return;
            }
            Thread.sleep(250);
        }
    }

    private static boolean claimed(TrackingEventProcessor processor, TokenStore tokenStore, int segment) {
        return processor.processingStatus().containsKey(segment)
                || tokenStore.fetchAvailableSegments(processor.getName()).stream().noneMatch(free -> free.getSegmentId() == segment);
    }
}
