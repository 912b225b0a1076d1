package com.acme.goals.e2e;

import com.acme.goals.localstack.LocalStack;
import org.junit.jupiter.api.AfterAll;
import org.testcontainers.containers.MongoDBContainer;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;

/**
 * The same skeleton against real MongoDB (a replica set) and Apache Kafka images. Skipped, and reported so,
 * where no Docker engine runs; the embedded run is the proof on such machines.
 */
@Testcontainers(disabledWithoutDocker = true)
class ContainersStackIT extends SkeletonFlow {

    private MongoDBContainer mongo;
    private KafkaContainer kafkaBroker;

    @Override
    protected LocalStack startStack(LocalStack.Options options) throws Exception {
        mongo = new MongoDBContainer("mongo:7.0");
        kafkaBroker = new KafkaContainer("apache/kafka:3.9.1");
        mongo.start();
        kafkaBroker.start();
        return new LocalStack(options.withExternal(kafkaBroker.getBootstrapServers(), mongo.getReplicaSetUrl())).start();
    }

    @org.junit.jupiter.api.Test
    void the_stack_runs_on_the_real_images_not_the_embedded_servers() {
        org.assertj.core.api.Assertions.assertThat(stack.mongoUri()).isEqualTo(mongo.getReplicaSetUrl());
        org.assertj.core.api.Assertions.assertThat(stack.kafkaBootstrapServers()).isEqualTo(kafkaBroker.getBootstrapServers());
    }

    @Override
    protected boolean ownsStack() {
        return true;
    }

    @AfterAll
    void stopContainers() {
        if (kafkaBroker != null) {
            kafkaBroker.stop();
        }
        if (mongo != null) {
            mongo.stop();
        }
    }
}
