-- The IFD job's signals in Flink SQL, read from the flat-JSON mirror topic (ifd.signals.json;
-- prefix it for a shadow, e.g. shadow.ifd.signals.json). Names and types follow
-- docs/schemas/signal.schema.json; fields not declared here are ignored. read_committed, so a
-- signal is seen once the job's checkpoint has committed it, never twice and never rolled back.
-- `direction` and `action` are the underlying future's (LONG = buy NQ), not the option's.
-- Times are TIMESTAMP_LTZ: SET 'table.local-time-zone' = 'UTC'; shows them in UTC.
CREATE TABLE ifd_signals (
  signal_id STRING,
  algorithm STRING,
  profile STRING,
  parameter_version STRING,
  instrument_id BIGINT,
  raw_symbol STRING,
  root STRING,
  underlying STRING,
  expiration BIGINT,
  strike DOUBLE,
  option_type STRING,
  window_start_ns BIGINT,
  window_end_ns BIGINT,
  buy_volume BIGINT,
  sell_volume BIGINT,
  premium DOUBLE,
  source STRING,
  degraded BOOLEAN,
  z_score DOUBLE,
  data_quality DOUBLE,
  mm_probability DOUBLE,
  final_confidence DOUBLE,
  tier STRING,
  size_multiplier DOUBLE,
  direction STRING,
  action STRING,
  underlying_price BIGINT,
  emitted_at BIGINT,
  -- event time: the end of the signal's window (window_start/window_end are taken by Flink's
  -- windowing functions, hence the name)
  event_time AS TO_TIMESTAMP_LTZ(window_end_ns / 1000000, 3),
  WATERMARK FOR event_time AS event_time - INTERVAL '5' MINUTE
) WITH (
  'connector' = 'kafka',
  'topic' = 'ifd.signals.json',
  'properties.bootstrap.servers' = 'localhost:9092',
  'properties.group.id' = 'instflow-sql',
  'properties.isolation.level' = 'read_committed',
  'scan.startup.mode' = 'earliest-offset',
  'format' = 'json',
  'json.fail-on-missing-field' = 'false',
  'json.ignore-parse-errors' = 'false'
);
