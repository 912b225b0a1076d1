package com.acme.goals.platform.axon;

import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
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

    private SegmentTargets() {
    }

    /** Splits until the store holds {@code target} segments or this instance holds none to split; returns the count. */
    public static int split(TrackingEventProcessor processor, TokenStore tokenStore, int target, Duration patience)
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
                boolean done = processor.splitSegment(largest.get()).get(10, TimeUnit.SECONDS);
                if (done) {
                    log.info("processor {}: split segment {} ({} of {} segments)", processor.getName(), largest.get(), count + 1, target);
                }
            } catch (Exception e) {
                log.warn("processor {}: could not split segment {} yet: {}", processor.getName(), largest.get(), e.toString());
                Thread.sleep(500);
            }
            count = tokenStore.fetchSegments(processor.getName()).length;
        }
        return count;
    }
}
