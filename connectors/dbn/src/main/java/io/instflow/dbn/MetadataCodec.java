package io.instflow.dbn;

import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;

import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Reads and writes the DBN metadata header (prelude, fixed part, variable part). */
public final class MetadataCodec {

    /** Size of the prelude: magic {@code DBN}, version byte, u32 length. */
    public static final int PRELUDE_LENGTH = 8;

    /** Size of the fixed part that follows the prelude. */
    public static final int FIXED_LENGTH = 100;

    private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;
    private static final int DATASET_WIDTH = 16;

    private MetadataCodec() {}

    /** Whether the buffer starts with the DBN magic. */
    public static boolean hasMagic(DirectBuffer buffer, int offset) {
        return buffer.getByte(offset) == 'D'
                && buffer.getByte(offset + 1) == 'B'
                && buffer.getByte(offset + 2) == 'N';
    }

    /**
     * Decodes the metadata whose prelude starts at {@code offset}; the buffer holds the prelude and
     * the {@code length} bytes it announces.
     */
    public static Metadata decode(DirectBuffer buffer, int offset) {
        int version = buffer.getByte(offset + 3) & 0xFF;
        long length = Integer.toUnsignedLong(buffer.getInt(offset + 4, LE));
        Cursor in = new Cursor(buffer, offset + PRELUDE_LENGTH, offset + PRELUDE_LENGTH + length);
        in.require(FIXED_LENGTH, "fixed metadata");
        int base = offset + PRELUDE_LENGTH;
        String dataset = CText.read(buffer, base, DATASET_WIDTH);
        int schema = buffer.getShort(base + 16, LE) & 0xFFFF;
        long start = buffer.getLong(base + 18, LE);
        long end = buffer.getLong(base + 26, LE);
        long limit = buffer.getLong(base + 34, LE);
        int v1Shift = version == 1 ? 8 : 0;
        int stypeIn = buffer.getByte(base + 42 + v1Shift) & 0xFF;
        int stypeOut = buffer.getByte(base + 43 + v1Shift) & 0xFF;
        boolean tsOut = buffer.getByte(base + 44 + v1Shift) != 0;
        int symbolLen =
                version == 1
                        ? DbnConstants.SYMBOL_CSTR_LEN_V1
                        : buffer.getShort(base + 45, LE) & 0xFFFF;
        if (symbolLen == 0) {
            throw new DbnFormatException("metadata declares a symbol length of 0");
        }
        in.position = base + FIXED_LENGTH;

        long schemaDefinitionLength = in.u32("schema_definition_length");
        if (schemaDefinitionLength != 0) {
            throw new DbnFormatException(
                    "metadata has a schema definition of "
                            + schemaDefinitionLength
                            + " bytes; DBN defines none");
        }
        List<String> symbols = in.symbols(symbolLen, "symbols");
        List<String> partial = in.symbols(symbolLen, "partial");
        List<String> notFound = in.symbols(symbolLen, "not_found");
        List<Metadata.SymbolMapping> mappings = in.mappings(symbolLen);
        return new Metadata(
                version, dataset, schema, start, end, limit, stypeIn, stypeOut, tsOut, symbols,
                partial, notFound, mappings);
    }

    /**
     * Encodes {@code metadata} (prelude included) in its declared version; v3 output is padded so
     * records start 8-byte aligned, as Databento writes it.
     */
    public static byte[] encode(Metadata metadata) {
        int version = metadata.version();
        if (version < 1 || version > DbnConstants.CURRENT_VERSION) {
            throw new IllegalArgumentException("cannot encode DBN metadata version " + version);
        }
        int symbolLen = metadata.symbolCstrLen();
        ExpandableArrayBuffer out = new ExpandableArrayBuffer(512);
        out.putByte(0, (byte) 'D');
        out.putByte(1, (byte) 'B');
        out.putByte(2, (byte) 'N');
        out.putByte(3, (byte) version);
        int base = PRELUDE_LENGTH;
        out.setMemory(base, FIXED_LENGTH, (byte) 0);
        CText.write(out, base, DATASET_WIDTH, metadata.dataset());
        out.putShort(base + 16, (short) metadata.schemaId(), LE);
        out.putLong(base + 18, metadata.start(), LE);
        out.putLong(base + 26, metadata.end(), LE);
        out.putLong(base + 34, metadata.limit(), LE);
        int v1Shift = 0;
        if (version == 1) {
            out.putLong(base + 42, -1L, LE);
            v1Shift = 8;
        }
        out.putByte(base + 42 + v1Shift, (byte) metadata.stypeIn());
        out.putByte(base + 43 + v1Shift, (byte) metadata.stypeOut());
        out.putByte(base + 44 + v1Shift, (byte) (metadata.tsOut() ? 1 : 0));
        if (version > 1) {
            out.putShort(base + 45, (short) symbolLen, LE);
        }
        int pos = base + FIXED_LENGTH;
        out.putInt(pos, 0, LE);
        pos += 4;
        pos = putSymbols(out, pos, symbolLen, metadata.symbols());
        pos = putSymbols(out, pos, symbolLen, metadata.partial());
        pos = putSymbols(out, pos, symbolLen, metadata.notFound());
        out.putInt(pos, metadata.mappings().size(), LE);
        pos += 4;
        for (Metadata.SymbolMapping mapping : metadata.mappings()) {
            pos = putSymbol(out, pos, symbolLen, mapping.rawSymbol());
            out.putInt(pos, mapping.intervals().size(), LE);
            pos += 4;
            for (Metadata.MappingInterval interval : mapping.intervals()) {
                out.putInt(pos, interval.startDate(), LE);
                out.putInt(pos + 4, interval.endDate(), LE);
                pos = putSymbol(out, pos + 8, symbolLen, interval.symbol());
            }
        }
        if (version >= 3) {
            int padded = (pos + 7) & ~7;
            out.setMemory(pos, padded - pos, (byte) 0);
            pos = padded;
        }
        out.putInt(4, pos - PRELUDE_LENGTH, LE);
        byte[] bytes = new byte[pos];
        out.getBytes(0, bytes);
        return bytes;
    }

    private static int putSymbols(
            ExpandableArrayBuffer out, int pos, int width, List<String> symbols) {
        out.putInt(pos, symbols.size(), LE);
        pos += 4;
        for (String symbol : symbols) {
            pos = putSymbol(out, pos, width, symbol);
        }
        return pos;
    }

    private static int putSymbol(ExpandableArrayBuffer out, int pos, int width, String symbol) {
        out.checkLimit(pos + width);
        CText.write(out, pos, width, symbol);
        return pos + width;
    }

    /** Bounds-checked reader over the variable part; every overrun is a format error. */
    private static final class Cursor {
        private final DirectBuffer buffer;
        private final long limit;
        private int position;

        Cursor(DirectBuffer buffer, int position, long limit) {
            this.buffer = buffer;
            this.position = position;
            this.limit = limit;
        }

        void require(long bytes, String what) {
            if (position + bytes > limit) {
                throw new DbnFormatException(
                        String.format(
                                Locale.ROOT,
                                "metadata too short: %s needs %d bytes at offset %d but the header ends at %d",
                                what,
                                bytes,
                                position,
                                limit));
            }
        }

        long u32(String what) {
            require(4, what);
            long value = Integer.toUnsignedLong(buffer.getInt(position, LE));
            position += 4;
            return value;
        }

        String symbol(int width, String what) {
            require(width, what);
            String s = CText.read(buffer, position, width);
            position += width;
            return s;
        }

        List<String> symbols(int width, String what) {
            long count = u32(what + " count");
            require(count * width, what);
            List<String> out = new ArrayList<>((int) count);
            for (long i = 0; i < count; i++) {
                out.add(symbol(width, what));
            }
            return out;
        }

        List<Metadata.SymbolMapping> mappings(int width) {
            long count = u32("mappings count");
            require(count * (width + 4L), "mappings");
            List<Metadata.SymbolMapping> out = new ArrayList<>((int) count);
            for (long i = 0; i < count; i++) {
                String raw = symbol(width, "mapping raw_symbol");
                long intervals = u32("interval count");
                require(intervals * (8L + width), "mapping intervals");
                List<Metadata.MappingInterval> list = new ArrayList<>((int) intervals);
                for (long j = 0; j < intervals; j++) {
                    require(8, "interval dates");
                    int startDate = buffer.getInt(position, LE);
                    int endDate = buffer.getInt(position + 4, LE);
                    position += 8;
                    list.add(
                            new Metadata.MappingInterval(
                                    startDate, endDate, symbol(width, "interval symbol")));
                }
                out.add(new Metadata.SymbolMapping(raw, list));
            }
            return out;
        }
    }
}
