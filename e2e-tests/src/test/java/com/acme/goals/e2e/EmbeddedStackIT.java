package com.acme.goals.e2e;

/** The skeleton on the embedded stack: a real Kafka broker (KRaft) and a MongoDB-wire server, no Docker. */
class EmbeddedStackIT extends SkeletonFlow {
}
