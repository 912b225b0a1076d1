package com.acme.goals.localstack;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A MongoDB-wire-compatible server in this JVM (mongo-java-server): in memory by default, or file-backed (H2, written
 * only between whole operations: {@link ConsistentH2Backend}) so that data survives a restart, or a crash, of the stack. It has no
 * transactions (stack-notes.md, trap 1); the services are written for that. In memory, the non-unique indexes the
 * services declare are kept ({@link IndexedMemoryBackend}), so a read costs what it finds, as on MongoDB; the file-backed
 * store still ignores them (trap 2), so reads there grow with the collection.
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
            backend = new IndexedMemoryBackend();
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
