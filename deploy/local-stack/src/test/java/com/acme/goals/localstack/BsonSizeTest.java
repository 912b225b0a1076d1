package com.acme.goals.localstack;

import de.bwaldvogel.mongo.bson.BinData;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The counted size is the store's encoder's, for each kind of value a ledger chunk holds. */
class BsonSizeTest {

    @Test
    void counts_what_the_encoder_writes() {
        Document chunk = new Document("entries", "[[\"P-1\",\"回款\",[[\"payment_collection\",\"1.00\",\"CNY\"]]]]")
                .append("hashes", new BinData(new byte[]{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16}))
                .append("sums", "payment_collection|CNY=1.00")
                .append("named", List.of("E-042|2026-11-24|abc.0", "E-042|2026-11-24|abc.1"))
                .append("count", 2).append("at", 1L).append("open", true).append("nothing", null);
        for (Map.Entry<String, Object> field : chunk.entrySet()) {
            assertThat(BsonSize.ofField(field.getKey(), field.getValue())).as(field.getKey()).isEqualTo(encoded(field.getKey(), field.getValue()));
        }
    }

    private static int encoded(String field, Object value) {
        ByteBuf buffer = Unpooled.buffer();
        try {
            BsonEncoder.encodeDocument(new Document(field, value), buffer);
            return buffer.writerIndex();
        } finally {
            buffer.release();
        }
    }
}
