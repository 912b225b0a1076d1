package com.acme.goals.localstack;

import de.bwaldvogel.mongo.wire.bson.BsonEncoder;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How many bytes the store's BSON encoder writes for a value, counted rather than encoded: the in-place {@code $set}
 * keeps the store's data size as the store's own update would, without a buffer, a map and a copy of the value for
 * each measurement (a ledger chunk's text is measured twice a write: 6% of the launcher's samples in {@code bench
 * e2e}). Types this does not know are measured by the encoder itself.
 */
final class BsonSize {

    private static final int DOCUMENT_FRAME = 5; // the int32 length and the terminating byte

    private BsonSize() {
    }

    /** The size of the document {@code {field: value}}. */
    static int ofField(String field, Object value) {
        int element = element(field, value);
        return element < 0 ? encoded(field, value) : DOCUMENT_FRAME + element;
    }

    /** A type byte, the key as a C string, the value; -1 when the value holds a type this does not count. */
    private static int element(String key, Object value) {
        int size = value(value);
        return size < 0 ? -1 : 1 + utf8(key) + 1 + size;
    }

    private static int value(Object value) {
        if (value == null) {
            return 0;
        } else if (value instanceof String text) {
            return 4 + utf8(text) + 1;
        } else if (value instanceof Integer) {
            return 4;
        } else if (value instanceof Long || value instanceof Double || value instanceof java.time.Instant) {
            return 8;
        } else if (value instanceof Boolean) {
            return 1;
        } else if (value instanceof de.bwaldvogel.mongo.bson.BinData binary) { // the int32 length, the subtype, the bytes
            return 4 + 1 + binary.getData().length;
        } else if (value instanceof Map<?, ?> map) {
            int size = DOCUMENT_FRAME;
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                if (!(entry.getKey() instanceof String key)) {
                    return -1;
                }
                int element = element(key, entry.getValue());
                if (element < 0) {
                    return -1;
                }
                size += element;
            }
            return size;
        } else if (value instanceof Collection<?> list) {
            int size = DOCUMENT_FRAME;
            int i = 0;
            for (Object item : list) {
                int element = element(Integer.toString(i++), item);
                if (element < 0) {
                    return -1;
                }
                size += element;
            }
            return size;
        }
        return -1;
    }

    /**
     * The encoder's own bytes of a text (an unpaired surrogate is one byte, '?'): on the launcher's quick compiler a
     * char-by-char count took 3.3 µs for a chunk's 1.6 kB text, this 0.95.
     */
    private static int utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }

    private static int encoded(String field, Object value) {
        io.netty.buffer.ByteBuf buffer = io.netty.buffer.Unpooled.buffer();
        try {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put(field, value);
            BsonEncoder.encodeDocument(one, buffer);
            return buffer.writerIndex();
        } finally {
            buffer.release();
        }
    }
}
