package com.acme.goals.localstack;

import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.message.MongoMessage;
import de.bwaldvogel.mongo.wire.message.MongoQuery;
import io.netty.channel.Channel;
import org.h2.mvstore.MVStore;

import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

/**
 * The file-backed store, written to its file only between operations. mongo-java-server's H2 backend keeps a
 * collection's documents and each of its indexes in separate maps, and H2's own background commit writes whatever
 * the maps hold at that instant: a crash could then leave a document without its {@code _id} index entry, and every
 * later insert of that key fails ("already existed"), forever. Here H2's background commit is off; every
 * {@value #COMMIT_EVERY_MS} ms the store is committed while no operation is half done, so the file always holds the state
 * after some whole operation. A crash loses at most the last {@value #COMMIT_EVERY_MS} ms of writes, all of them together,
 * and the services, which keep their consumer positions in this same store, read those records again.
 */
final class ConsistentH2Backend extends H2Backend {

    static final long COMMIT_EVERY_MS = 100;
    private final ReentrantReadWriteLock operations = new ReentrantReadWriteLock(true);
    private final ScheduledExecutorService committer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "store-commit");
        thread.setDaemon(true);
        return thread;
    });

    private ConsistentH2Backend(MVStore store) {
        super(store);
        committer.scheduleWithFixedDelay(this::commitWhole, COMMIT_EVERY_MS, COMMIT_EVERY_MS, TimeUnit.MILLISECONDS);
    }

    static ConsistentH2Backend open(Path file) {
        return new ConsistentH2Backend(new MVStore.Builder().fileName(file.toString()).autoCommitDisabled().open());
    }

    private void commitWhole() {
        operations.writeLock().lock();
        try {
            if (!getMvStore().isClosed() && getMvStore().hasUnsavedChanges()) {
                getMvStore().commit();
            }
        } finally {
            operations.writeLock().unlock();
        }
    }

    private <T> T whole(Supplier<T> operation) {
        operations.readLock().lock();
        try {
            return operation.get();
        } finally {
            operations.readLock().unlock();
        }
    }

    @Override
    public Document handleCommand(Channel channel, String database, String command, Document query) {
        return whole(() -> super.handleCommand(channel, database, command, query));
    }

    @Override
    public QueryResult handleQuery(MongoQuery query) {
        return whole(() -> super.handleQuery(query));
    }

    @Override
    public Document handleMessage(MongoMessage message) {
        return whole(() -> super.handleMessage(message));
    }

    @Override
    public void close() {
        committer.shutdownNow();
        commitWhole();
        super.close();
    }
}
