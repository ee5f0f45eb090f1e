package org.inkroom.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Nodes of a cluster start together against one empty PostgreSQL schema: all of them must come up. */
class SchemaTest {

    @Test
    void nodesMigratingOneFreshDatabaseAtOnceAllSucceed() throws Exception {
        try (Databases.Fresh db = Databases.POSTGRESQL.fresh()) {
            int nodes = 6;
            ExecutorService pool = Executors.newFixedThreadPool(nodes);
            CountDownLatch go = new CountDownLatch(1);
            try {
                List<Future<Integer>> versions = new ArrayList<>();
                for (int i = 0; i < nodes; i++) {
                    versions.add(pool.submit(() -> {
                        go.await();
                        return Schema.migrate(db.dataSource());
                    }));
                }
                go.countDown();
                for (Future<Integer> v : versions) {
                    assertEquals(Schema.MIGRATIONS.size(), v.get(60, TimeUnit.SECONDS));
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }
}
