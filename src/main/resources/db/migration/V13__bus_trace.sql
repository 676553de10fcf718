-- the W3C trace context of the request or task that published each event, so the CloudEvent the relay sends
-- carries it (the CloudEvents distributed tracing extension) and a subscriber's logs join the same trace
alter table bus_events add column traceparent text;
