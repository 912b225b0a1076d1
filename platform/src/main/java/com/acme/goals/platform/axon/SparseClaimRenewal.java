package com.acme.goals.platform.axon;

import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.UnableToClaimTokenException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A token store that renews an idle processor's claim every {@code renewEvery} instead of every second. Axon's tracking
 * processor waits a second for events and, when none came, extends its claim: with 18 segment threads over the four
 * services that is 18 writes a second to the store while nobody uses the system. A claim that was written (fetched,
 * stored or extended) less than {@code renewEvery} ago is left as it is. {@code renewEvery} must stay well below the
 * claim timeout, so another replica never sees a live claim as abandoned; a claim taken by another replica is then
 * noticed at the next real renewal (or token store), at most {@code renewEvery} later than before.
 * <p>
 * It also stores a {@link SharedWindowToken} as the Axon token it stands for, so what is kept does not change.
 */
public final class SparseClaimRenewal implements TokenStore {

    private final TokenStore store;
    private final Duration renewEvery;
    private final Clock clock;
    /** When this instance last wrote each claim it holds, by processor and segment. */
    private final Map<String, Instant> written = new ConcurrentHashMap<>();

    public SparseClaimRenewal(TokenStore store, Duration renewEvery, Clock clock) {
        this.store = store;
        this.renewEvery = renewEvery;
        this.clock = clock;
    }

    private static String key(String processorName, int segment) {
        return processorName + "#" + segment;
    }

    private void wrote(String processorName, int segment) {
        written.put(key(processorName, segment), clock.instant());
    }

    @Override
    public void extendClaim(String processorName, int segment) throws UnableToClaimTokenException {
        Instant last = written.get(key(processorName, segment));
        if (last != null && clock.instant().isBefore(last.plus(renewEvery))) {
            return;
        }
        store.extendClaim(processorName, segment);
        wrote(processorName, segment);
    }

    @Override
    public void storeToken(TrackingToken token, String processorName, int segment) throws UnableToClaimTokenException {
        store.storeToken(SharedWindowToken.plain(token), processorName, segment);
        wrote(processorName, segment);
    }

    @Override
    public TrackingToken fetchToken(String processorName, int segment) throws UnableToClaimTokenException {
        TrackingToken token = store.fetchToken(processorName, segment);
        wrote(processorName, segment);
        return token;
    }

    @Override
    public TrackingToken fetchToken(String processorName, Segment segment) throws UnableToClaimTokenException {
        TrackingToken token = store.fetchToken(processorName, segment);
        wrote(processorName, segment.getSegmentId());
        return token;
    }

    @Override
    public void releaseClaim(String processorName, int segment) {
        written.remove(key(processorName, segment));
        store.releaseClaim(processorName, segment);
    }

    @Override
    public void deleteToken(String processorName, int segment) throws UnableToClaimTokenException {
        written.remove(key(processorName, segment));
        store.deleteToken(processorName, segment);
    }

    @Override
    public void initializeTokenSegments(String processorName, int segmentCount) throws UnableToClaimTokenException {
        store.initializeTokenSegments(processorName, segmentCount);
    }

    @Override
    public void initializeTokenSegments(String processorName, int segmentCount, TrackingToken initialToken)
            throws UnableToClaimTokenException {
        store.initializeTokenSegments(processorName, segmentCount, SharedWindowToken.plain(initialToken));
    }

    @Override
    public void initializeSegment(TrackingToken token, String processorName, int segment) {
        store.initializeSegment(SharedWindowToken.plain(token), processorName, segment);
    }

    @Override
    public boolean requiresExplicitSegmentInitialization() {
        return store.requiresExplicitSegmentInitialization();
    }

    @Override
    public int[] fetchSegments(String processorName) {
        return store.fetchSegments(processorName);
    }

    @Override
    public List<Segment> fetchAvailableSegments(String processorName) {
        return store.fetchAvailableSegments(processorName);
    }

    @Override
    public Optional<String> retrieveStorageIdentifier() {
        return store.retrieveStorageIdentifier();
    }
}
