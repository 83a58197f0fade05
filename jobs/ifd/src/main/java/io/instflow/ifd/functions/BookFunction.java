package io.instflow.ifd.functions;

import io.instflow.avro.DefinitionAction;
import io.instflow.avro.InstrumentDefinition;
import io.instflow.avro.MboEvent;
import io.instflow.avro.PipelineMetric;
import io.instflow.book.OrderBook;
import io.instflow.contract.MboFields;
import io.instflow.contract.MetricRecords;
import io.instflow.contract.flink.DeadLetter;
import io.instflow.ifd.io.DefinitionsLoader;
import io.instflow.ifd.logic.StateRelease;
import io.instflow.ifd.model.ContractInfo;
import io.instflow.ifd.model.FlowEvent;

import org.agrona.collections.Long2ObjectHashMap;
import org.agrona.collections.LongHashSet;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One order book per instrument in keyed state, fed its MBO records; emits classified trades,
 * top-of-book changes (with how long the previous state was displayed) and large orders cancelled
 * unfilled within the spoofing lifetime. Definitions known at start are preloaded, so no record
 * overtakes its definition; later ones arrive as broadcast state, and events of an instrument whose
 * definition is not known yet wait in keyed state until it arrives.
 *
 * <p>The books in use stay in memory between checkpoints, with their last reported top, contract
 * and whether they have large orders, and are written back to keyed state before each barrier
 * ({@link WriteBackBroadcastOperator}): on RocksDB a book is then read and written once per
 * checkpoint interval instead of once per record.
 */
public final class BookFunction
        extends KeyedBroadcastProcessFunction<Long, MboEvent, InstrumentDefinition, FlowEvent>
        implements KeyedWriteBack<Long> {

    private static final long serialVersionUID = 1L;

    /** Book anomalies as they happen, per instrument, as metrics. */
    public static final OutputTag<PipelineMetric> ANOMALIES =
            new OutputTag<>("book-anomalies", new AvroTypeInfo<>(PipelineMetric.class));

    /** Events whose definition never came, one dead letter per instrument and expiry. */
    public static final OutputTag<DeadLetter> UNDEFINED =
            new OutputTag<>("undefined-instruments", TypeInformation.of(DeadLetter.class));

    /** Broadcast state: instrument id to its contract (lifetime: until a definition deletes it). */
    public static final MapStateDescriptor<Long, ContractInfo> DEFINITIONS =
            new MapStateDescriptor<>("definitions", Types.LONG, Types.POJO(ContractInfo.class));

    private static final PrimitiveArrayTypeInfo<long[]> LONGS =
            PrimitiveArrayTypeInfo.LONG_PRIMITIVE_ARRAY_TYPE_INFO;

    /** The instrument's book (lifetime: until a day after its expiration, or its delete). */
    static final ValueStateDescriptor<OrderBook> BOOK =
            new ValueStateDescriptor<>("book", OrderBookSerializer.INSTANCE);

    /** Best bid size, best ask size and the ns the top last changed (lifetime: with the book). */
    static final ValueStateDescriptor<long[]> TOP = new ValueStateDescriptor<>("top", LONGS);

    /**
     * Large resting orders: id to {added ns, size, 1 for bid} (lifetime: until filled, cancelled,
     * expired or released).
     */
    static final MapStateDescriptor<Long, long[]> LARGE_ORDERS =
            new MapStateDescriptor<>("large-orders", Types.LONG, LONGS);

    /**
     * Events waiting for their definition (lifetime: until it arrives, or dead-lettered after the
     * definition wait).
     */
    static final ListStateDescriptor<FlowEvent> PENDING =
            new ListStateDescriptor<>("pending", Types.POJO(FlowEvent.class));

    private final MetricRecords metrics;
    private final String mboTopic;
    private final long definitionWaitMs;
    private final long spoofMinSize;
    private final long spoofMaxLifeNs;
    private final DefinitionsLoader preload;

    /** Definitions known at open (lifetime: the task's; reloaded on restore). */
    private transient Map<Long, ContractInfo> preloaded;

    private transient ValueState<OrderBook> book;
    private transient ValueState<long[]> top;
    private transient MapState<Long, long[]> largeOrders;

    private transient ListState<FlowEvent> pending;

    /**
     * Instruments of this subtask with events in {@link #pending}, so a definition releases them
     * without scanning every key's pending state (on the heap backend, every key group's table):
     * thousands of definitions arrive at start. Null until the first definition after a start or
     * restore learns them from the state (lifetime: the task's; may keep ids whose events were
     * since dead-lettered, which only costs that one scan).
     */
    private transient LongHashSet waiting;

    private transient Counter anomalies;

    /**
     * Instruments touched since the last checkpoint, by id (lifetime: until the next {@link
     * #writeBack}, their release or their delete).
     */
    private transient Long2ObjectHashMap<InUse> inUse;

    /** An instrument's book, last reported top and contract while in memory. */
    private static final class InUse {
        OrderBook book;

        /** Whether a top was reported: the book has been observable since it was created. */
        boolean hasTop;

        long topBidSize;
        long topAskSize;
        long topSinceNs;

        /** Null until its definition is known; replaced when a new one arrives. */
        ContractInfo contract;

        /**
         * The instrument had no large order when loaded and has added none since, so cancels and
         * fills need not look one up.
         */
        boolean noLargeOrders;

        /**
         * The book's anomaly total as last reported, so the counts are read only after a record
         * flagged {@link OrderBook#ANOMALY}: they lie outside the book's busy fields.
         */
        long anomaliesReported;

        InUse(OrderBook book, long[] top, boolean noLargeOrders) {
            this.book = book;
            this.noLargeOrders = noLargeOrders;
            this.anomaliesReported = book == null ? 0 : book.anomalies().total();
            if (top != null) {
                hasTop = true;
                topBidSize = top[0];
                topAskSize = top[1];
                topSinceNs = top[2];
            }
        }

        /** The state's form of the top: best bid size, best ask size, ns it last changed. */
        long[] top() {
            return hasTop ? new long[] {topBidSize, topAskSize, topSinceNs} : null;
        }
    }

    public BookFunction(
            long spoofMinSize,
            long spoofMaxLifeMs,
            DefinitionsLoader preload,
            MetricRecords metrics,
            String mboTopic,
            long definitionWaitMs) {
        this.metrics = metrics;
        this.mboTopic = mboTopic;
        this.definitionWaitMs = definitionWaitMs;
        this.spoofMinSize = spoofMinSize;
        this.spoofMaxLifeNs = spoofMaxLifeMs * 1_000_000L;
        this.preload = preload;
    }

    @Override
    public void open(OpenContext context) {
        book = getRuntimeContext().getState(BOOK);
        top = getRuntimeContext().getState(TOP);
        largeOrders = getRuntimeContext().getMapState(LARGE_ORDERS);
        pending = getRuntimeContext().getListState(PENDING);
        anomalies = getRuntimeContext().getMetricGroup().counter("bookAnomalies");
        preloaded = preload.load();
        inUse = new Long2ObjectHashMap<>();
    }

    @Override
    public void writeBack(Consumer<Long> currentKey) throws Exception {
        for (Map.Entry<Long, InUse> held : inUse.entrySet()) {
            currentKey.accept(held.getKey());
            book.update(held.getValue().book);
            top.update(held.getValue().top());
        }
        inUse.clear();
    }

    @Override
    public void processElement(MboEvent e, ReadOnlyContext ctx, Collector<FlowEvent> out)
            throws Exception {
        InUse held = inUse.get(e.getInstrumentId());
        if (held == null) {
            held = new InUse(book.value(), top.value(), largeOrders.isEmpty());
            held.contract = ctx.getBroadcastState(DEFINITIONS).get(e.getInstrumentId());
            if (held.contract == null) {
                held.contract = preloaded.get(e.getInstrumentId());
            }
            inUse.put(e.getInstrumentId(), held);
        }
        ContractInfo contract = held.contract;
        if (held.book == null) {
            held.book = new OrderBook(e.getInstrumentId(), contract == null ? 0 : contract.tick);
            if (contract != null && StateRelease.atMs(contract.expiration) != Long.MAX_VALUE) {
                ctx.timerService().registerEventTimeTimer(StateRelease.atMs(contract.expiration));
            }
        }
        OrderBook b = held.book;
        byte action = MboFields.dbnAction(e.getAction());
        byte side = MboFields.dbnSide(e.getSide());
        long price = MboFields.dbnPrice(e.getPrice());
        int result =
                b.apply(
                        action,
                        side,
                        e.getOrderId(),
                        price,
                        e.getSize(),
                        e.getFlags(),
                        e.getTsRecv());
        long newAnomalies = 0;
        if ((result & OrderBook.ANOMALY) != 0) {
            long total = b.anomalies().total();
            newAnomalies = total - held.anomaliesReported;
            held.anomaliesReported = total;
        }
        if (newAnomalies > 0) {
            anomalies.inc(newAnomalies);
            ctx.output(
                    ANOMALIES,
                    metrics.metric(
                            "book_anomalies",
                            newAnomalies,
                            "count",
                            e.getTsEvent(),
                            e.getTsEvent(),
                            Map.of(
                                    "instrument_id",
                                    Long.toString(e.getInstrumentId()),
                                    "action",
                                    String.valueOf((char) action))));
        }
        trackLargeOrders(e, action, side, held, ctx, out, contract);
        if ((result & OrderBook.TRADE) != 0) {
            FlowEvent t = event(FlowEvent.TRADE, e);
            t.aggressor = b.lastTradeAggressor();
            t.sideInferred = side != 'B' && side != 'A';
            t.size = b.lastTradeSize();
            t.price = b.lastTradePrice();
            emit(t, contract, out, ctx.timerService());
        }
        // without TOP_CHANGED the best levels are as at the last observable record: the top stands
        if ((result & OrderBook.TOP_CHANGED) != 0) {
            long bidSize = b.bidSize();
            long askSize = b.askSize();
            if (!held.hasTop || held.topBidSize != bidSize || held.topAskSize != askSize) {
                if (held.hasTop) {
                    FlowEvent q = event(FlowEvent.QUOTE, e);
                    q.bidSize = held.topBidSize;
                    q.askSize = held.topAskSize;
                    q.durationNs = Math.max(0, e.getTsEvent() - held.topSinceNs);
                    emit(q, contract, out, ctx.timerService());
                }
                held.hasTop = true;
                held.topBidSize = bidSize;
                held.topAskSize = askSize;
                held.topSinceNs = e.getTsEvent();
            }
        }
    }

    private void trackLargeOrders(
            MboEvent e,
            byte action,
            byte side,
            InUse held,
            ReadOnlyContext ctx,
            Collector<FlowEvent> out,
            ContractInfo contract)
            throws Exception {
        if (action == 'A' && e.getSize() >= spoofMinSize) {
            largeOrders.put(
                    e.getOrderId(), new long[] {e.getTsEvent(), e.getSize(), side == 'B' ? 1 : 0});
            held.noLargeOrders = false;
            ctx.timerService()
                    .registerEventTimeTimer((e.getTsEvent() + spoofMaxLifeNs) / 1_000_000L + 1);
        } else if (held.noLargeOrders) {
            return;
        } else if (action == 'F') {
            largeOrders.remove(e.getOrderId());
        } else if (action == 'C') {
            long[] order = largeOrders.get(e.getOrderId());
            if (order != null) {
                largeOrders.remove(e.getOrderId());
                if (e.getTsEvent() - order[0] <= spoofMaxLifeNs && e.getSize() >= order[1]) {
                    FlowEvent s = event(FlowEvent.SPOOF, e);
                    s.size = order[1];
                    s.bid = order[2] == 1;
                    emit(s, contract, out, ctx.timerService());
                }
            }
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<FlowEvent> out)
            throws Exception {
        ContractInfo contract = ctx.getBroadcastState(DEFINITIONS).get(ctx.getCurrentKey());
        if (contract == null) {
            contract = preloaded.get(ctx.getCurrentKey());
        }
        if (contract != null && timestamp == StateRelease.atMs(contract.expiration)) {
            inUse.remove(ctx.getCurrentKey());
            book.clear();
            top.clear();
            largeOrders.clear();
            pending.clear();
            return;
        }
        if (contract == null) {
            dropUndefined(timestamp, ctx);
        }
        long expiredBefore = timestamp * 1_000_000L - spoofMaxLifeNs;
        List<Long> expired = new ArrayList<>();
        for (Map.Entry<Long, long[]> order : largeOrders.entries()) {
            if (order.getValue()[0] < expiredBefore) {
                expired.add(order.getKey());
            }
        }
        for (Long id : expired) {
            largeOrders.remove(id);
        }
    }

    @Override
    public void processBroadcastElement(
            InstrumentDefinition d, Context ctx, Collector<FlowEvent> out) throws Exception {
        if (d.getSecurityUpdateAction() == DefinitionAction.DELETE) {
            ctx.getBroadcastState(DEFINITIONS).remove(d.getInstrumentId());
            long id = d.getInstrumentId();
            inUse.remove(id);
            for (var descriptor : List.of(BOOK, TOP, LARGE_ORDERS)) {
                ctx.applyToKeyedState(
                        descriptor,
                        (key, state) -> {
                            if (key == id) {
                                state.clear();
                            }
                        });
            }
            ctx.applyToKeyedState(
                    PENDING,
                    (key, state) -> {
                        if (key == id) {
                            state.clear();
                        }
                    });
            return;
        }
        ContractInfo contract = ContractInfo.of(d);
        ctx.getBroadcastState(DEFINITIONS).put(d.getInstrumentId(), contract);
        InUse held = inUse.get(d.getInstrumentId());
        if (held != null) {
            held.contract = contract;
        }
        if (waiting == null) {
            LongHashSet found = new LongHashSet();
            ctx.applyToKeyedState(
                    PENDING,
                    (key, state) -> {
                        Iterable<FlowEvent> events = state.get();
                        if (events != null && events.iterator().hasNext()) {
                            found.add(key);
                        }
                    });
            waiting = found;
        }
        if (!waiting.remove(d.getInstrumentId())) {
            return;
        }
        ctx.applyToKeyedState(
                PENDING,
                (key, state) -> {
                    if (key == d.getInstrumentId()) {
                        for (FlowEvent event : state.get()) {
                            event.contract = contract;
                            out.collect(event);
                        }
                        state.clear();
                    }
                });
    }

    /**
     * Events that waited {@code definitionWaitMs} for a definition that never came: counted on the
     * metrics and dead-lettered, one dead letter per instrument and expiry naming how many events
     * of which span were given up.
     */
    private void dropUndefined(long timestamp, OnTimerContext ctx) throws Exception {
        long expiredUpToNs = (timestamp - definitionWaitMs) * 1_000_000L;
        List<FlowEvent> still = new ArrayList<>();
        long dropped = 0;
        long firstNs = Long.MAX_VALUE;
        long lastNs = Long.MIN_VALUE;
        for (FlowEvent e : pending.get()) {
            if (e.tsEvent <= expiredUpToNs) {
                dropped++;
                firstNs = Math.min(firstNs, e.tsEvent);
                lastNs = Math.max(lastNs, e.tsEvent);
            } else {
                still.add(e);
            }
        }
        if (dropped == 0) {
            return;
        }
        pending.update(still);
        String instrument = Long.toString(ctx.getCurrentKey());
        ctx.output(
                ANOMALIES,
                metrics.metric(
                        "undefined_instrument_events",
                        dropped,
                        "count",
                        firstNs,
                        lastNs,
                        Map.of("instrument_id", instrument)));
        ctx.output(
                UNDEFINED,
                new DeadLetter(
                        mboTopic,
                        -1,
                        -1,
                        instrument.getBytes(StandardCharsets.UTF_8),
                        null,
                        String.format(
                                Locale.ROOT,
                                "no definition: instrument %s, %d trade/quote events with ts_event"
                                        + " %d..%d waited %d ms of event time for a definition",
                                instrument,
                                dropped,
                                firstNs,
                                lastNs,
                                definitionWaitMs)));
    }

    private static FlowEvent event(int kind, MboEvent e) {
        FlowEvent f = new FlowEvent();
        f.kind = kind;
        f.instrumentId = e.getInstrumentId();
        f.tsEvent = e.getTsEvent();
        return f;
    }

    private void emit(
            FlowEvent event, ContractInfo contract, Collector<FlowEvent> out, TimerService timers)
            throws Exception {
        if (contract == null) {
            pending.add(event);
            if (waiting != null) {
                waiting.add(event.instrumentId);
            }
            timers.registerEventTimeTimer(
                    Math.floorDiv(event.tsEvent, 1_000_000L) + definitionWaitMs);
        } else {
            event.contract = contract;
            out.collect(event);
        }
    }
}
