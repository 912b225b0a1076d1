package com.acme.goals.localstack;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A MongoDB-wire-compatible server in this JVM (mongo-java-server): in memory by default, or file-backed (H2, written
 * only between whole operations: {@link ConsistentH2Backend}) so that data survives a restart, or a crash, of the stack. It has no transactions and ignores non-unique indexes
 * (stack-notes.md, traps 1 and 2); the services are written for that.
 */
public final class MongoStore implements AutoCloseable {

    private final MongoServer server;
    private final int port;

    private MongoStore(MongoServer server, int port) {
        this.server = server;
        this.port = port;
    }

    public static MongoStore start(int port, Path fileOrNull) throws IOException {
        MongoBackend backend;
        if (fileOrNull == null) {
            backend = new MemoryBackend();
        } else {
            Files.createDirectories(fileOrNull.getParent());
            backend = ConsistentH2Backend.open(fileOrNull);
        }
        MongoServer server = new MongoServer(backend);
        server.bind("localhost", port);
        return new MongoStore(server, port);
    }

    public String uri() {
        return "mongodb://localhost:" + port;
    }

    @Override
    public void close() {
        server.shutdownNow();
    }
}
