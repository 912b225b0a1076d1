package com.acme.goals.e2e;

import com.acme.goals.localstack.LocalStack;

/** The skeleton on the embedded stack: a real Kafka broker (KRaft) and a MongoDB-wire server, no Docker. */
class EmbeddedStackIT extends SkeletonFlow {

    @Override
    protected LocalStack startStack(LocalStack.Options options) throws Exception {
        return SharedStack.get();
    }

    @Override
    protected boolean ownsStack() {
        return false;
    }
}
