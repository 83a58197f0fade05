package io.instflow.dbn.json;

import io.instflow.dbn.DbnConstants;
import io.instflow.dbn.RecordHandler;
import io.instflow.dbn.SymbolMap;
import io.instflow.dbn.record.BboDecoder;
import io.instflow.dbn.record.ErrorDecoder;
import io.instflow.dbn.record.InstrumentDefDecoder;
import io.instflow.dbn.record.MboDecoder;
import io.instflow.dbn.record.Mbp10Decoder;
import io.instflow.dbn.record.Mbp1Decoder;
import io.instflow.dbn.record.OhlcvDecoder;
import io.instflow.dbn.record.RecordDecoder;
import io.instflow.dbn.record.StatDecoder;
import io.instflow.dbn.record.StatusDecoder;
import io.instflow.dbn.record.SymbolMappingDecoder;
import io.instflow.dbn.record.SystemDecoder;
import io.instflow.dbn.record.TradeDecoder;
import io.instflow.dbn.record.TradeFieldsDecoder;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import org.agrona.DirectBuffer;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;

/**
 * Renders records as JSON lines in Databento's own JSON encoding (field order, 64-bit integers as
 * strings). Raw mode writes integers as stored; pretty mode writes ISO-8601 timestamps, decimal
 * prices (null when undefined) and the record's {@code symbol}. Records of older versions are
 * rendered with current (v3) semantics, as Databento's tools do by default.
 */
public final class DbnJsonWriter implements RecordHandler, AutoCloseable {

    private final JsonGenerator json;
    private final boolean pretty;
    private final boolean tsOut;
    private final SymbolMap symbols;
    private final PrettyFormat format = new PrettyFormat();

    /**
     * @param tsOut whether records carry a ts_out suffix to render as a trailing field
     * @param symbols symbol lookup for pretty mode; live mapping records are added to it
     */
    public DbnJsonWriter(OutputStream out, boolean pretty, boolean tsOut, SymbolMap symbols) {
        this(generator(out, null), pretty, tsOut, symbols);
    }

    /** As {@link #DbnJsonWriter(OutputStream, boolean, boolean, SymbolMap)}, writing characters. */
    public DbnJsonWriter(Writer out, boolean pretty, boolean tsOut, SymbolMap symbols) {
        this(generator(null, out), pretty, tsOut, symbols);
    }

    private DbnJsonWriter(JsonGenerator json, boolean pretty, boolean tsOut, SymbolMap symbols) {
        this.json = json;
        this.json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        this.json.setRootValueSeparator(null);
        this.pretty = pretty;
        this.tsOut = tsOut;
        this.symbols = symbols;
    }

    private static JsonGenerator generator(OutputStream stream, Writer writer) {
        try {
            JsonFactory factory = new JsonFactory();
            return stream != null
                    ? factory.createGenerator(stream)
                    : factory.createGenerator(writer);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void onMbo(MboDecoder r) {
        run(
                () -> {
                    json.writeStartObject();
                    ts("ts_recv", r.tsRecv());
                    header(r);
                    chr("action", r.action());
                    chr("side", r.side());
                    px("price", r.price());
                    num("size", r.size());
                    num("channel_id", r.channelId());
                    u64("order_id", r.orderId());
                    num("flags", r.flags());
                    num("ts_in_delta", r.tsInDelta());
                    num("sequence", r.sequence());
                    end(r, r.tsRecv());
                });
    }

    @Override
    public void onTrade(TradeDecoder r) {
        run(() -> tradeLike(r, true));
    }

    @Override
    public void onMbp1(Mbp1Decoder r) {
        run(() -> tradeLike(r, true));
    }

    @Override
    public void onMbp10(Mbp10Decoder r) {
        run(() -> tradeLike(r, true));
    }

    @Override
    public void onBbo(BboDecoder r) {
        run(() -> tradeLike(r, false));
    }

    @Override
    public void onOhlcv(OhlcvDecoder r) {
        run(
                () -> {
                    json.writeStartObject();
                    header(r);
                    px("open", r.open());
                    px("high", r.high());
                    px("low", r.low());
                    px("close", r.close());
                    u64("volume", r.volume());
                    end(r, r.tsEvent());
                });
    }

    @Override
    public void onStatus(StatusDecoder r) {
        run(
                () -> {
                    json.writeStartObject();
                    ts("ts_recv", r.tsRecv());
                    header(r);
                    num("action", r.action());
                    num("reason", r.reason());
                    num("trading_event", r.tradingEvent());
                    chr("is_trading", r.isTrading());
                    chr("is_quoting", r.isQuoting());
                    chr("is_short_sell_restricted", r.isShortSellRestricted());
                    end(r, r.tsRecv());
                });
    }

    @Override
    public void onInstrumentDef(InstrumentDefDecoder r) {
        run(
                () -> {
                    json.writeStartObject();
                    ts("ts_recv", r.tsRecv());
                    header(r);
                    DefinitionJson.writeBody(this, r);
                    end(r, r.tsRecv());
                });
    }

    @Override
    public void onStat(StatDecoder r) {
        run(
                () -> {
                    json.writeStartObject();
                    ts("ts_recv", r.tsRecv());
                    header(r);
                    ts("ts_ref", r.tsRef());
                    px("price", r.price());
                    i64("quantity", r.quantity());
                    num("sequence", r.sequence());
                    num("ts_in_delta", r.tsInDelta());
                    num("stat_type", r.statType());
                    num("channel_id", r.channelId());
                    num("update_action", r.updateAction());
                    num("stat_flags", r.statFlags());
                    end(r, r.tsRecv());
                });
    }

    @Override
    public void onSymbolMapping(SymbolMappingDecoder r) {
        if (symbols != null) {
            symbols.put(r.instrumentId(), r.stypeOutSymbol());
        }
        run(
                () -> {
                    json.writeStartObject();
                    header(r);
                    num("stype_in", r.stypeIn());
                    text("stype_in_symbol", r.stypeInSymbol());
                    num("stype_out", r.stypeOut());
                    text("stype_out_symbol", r.stypeOutSymbol());
                    ts("start_ts", r.startTs());
                    ts("end_ts", r.endTs());
                    end(r, r.tsEvent());
                });
    }

    @Override
    public void onSystem(SystemDecoder r) {
        run(
                () -> {
                    json.writeStartObject();
                    header(r);
                    text("msg", r.msg());
                    num("code", r.code());
                    end(r, r.tsEvent());
                });
    }

    @Override
    public void onError(ErrorDecoder r) {
        run(
                () -> {
                    json.writeStartObject();
                    header(r);
                    text("err", r.err());
                    num("code", r.code());
                    num("is_last", r.isLast());
                    end(r, r.tsEvent());
                });
    }

    @Override
    public void onUnknown(int rtype, DirectBuffer buffer, int offset, int length) {
        // Databento's JSON has no rendering for record types it does not define; neither do we.
    }

    private void tradeLike(TradeFieldsDecoder r, boolean withActionDepth) throws IOException {
        json.writeStartObject();
        ts("ts_recv", r.tsRecv());
        header(r);
        if (withActionDepth) {
            chr("action", r.action());
        }
        chr("side", r.side());
        if (withActionDepth) {
            num("depth", r.depth());
        }
        px("price", r.price());
        num("size", r.size());
        num("flags", r.flags());
        if (withActionDepth) {
            num("ts_in_delta", r.tsInDelta());
        }
        num("sequence", r.sequence());
        if (r.levelCount() > 0) {
            json.writeArrayFieldStart("levels");
            for (int i = 0; i < r.levelCount(); i++) {
                json.writeStartObject();
                px("bid_px", r.bidPx(i));
                px("ask_px", r.askPx(i));
                num("bid_sz", r.bidSz(i));
                num("ask_sz", r.askSz(i));
                num("bid_ct", r.bidCt(i));
                num("ask_ct", r.askCt(i));
                json.writeEndObject();
            }
            json.writeEndArray();
        }
        end(r, r.tsRecv());
    }

    private void header(RecordDecoder r) throws IOException {
        json.writeObjectFieldStart("hd");
        ts("ts_event", r.tsEvent());
        num("rtype", r.rtype());
        num("publisher_id", r.publisherId());
        num("instrument_id", r.instrumentId());
        json.writeEndObject();
    }

    private void end(RecordDecoder r, long indexTs) throws IOException {
        if (tsOut) {
            ts("ts_out", r.tsOut());
        }
        if (pretty) {
            String symbol = symbols == null ? null : symbols.symbol(r.instrumentId(), indexTs);
            if (symbol == null) {
                json.writeNullField("symbol");
            } else {
                json.writeStringField("symbol", symbol);
            }
        }
        json.writeEndObject();
        json.writeRaw('\n');
    }

    void ts(String name, long value) throws IOException {
        if (!pretty) {
            json.writeStringField(name, Long.toUnsignedString(value));
        } else if (value == DbnConstants.UNDEF_TIMESTAMP) {
            json.writeNullField(name);
        } else {
            json.writeStringField(name, format.timestamp(value));
        }
    }

    void px(String name, long value) throws IOException {
        if (!pretty) {
            json.writeStringField(name, Long.toString(value));
        } else if (value == DbnConstants.UNDEF_PRICE) {
            json.writeNullField(name);
        } else {
            json.writeStringField(name, format.price(value));
        }
    }

    void u64(String name, long value) throws IOException {
        json.writeStringField(name, Long.toUnsignedString(value));
    }

    void i64(String name, long value) throws IOException {
        json.writeStringField(name, Long.toString(value));
    }

    void num(String name, long value) throws IOException {
        json.writeNumberField(name, value);
    }

    void chr(String name, byte value) throws IOException {
        json.writeStringField(name, value == 0 ? "" : String.valueOf((char) (value & 0xFF)));
    }

    void text(String name, String value) throws IOException {
        json.writeStringField(name, value);
    }

    /** Flushes rendered lines to the output stream. */
    public void flush() {
        run(json::flush);
    }

    @Override
    public void close() {
        run(json::close);
    }

    private static void run(IoAction action) {
        try {
            action.run();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write JSON: " + e.getMessage(), e);
        }
    }

    @FunctionalInterface
    private interface IoAction {
        void run() throws IOException;
    }
}
