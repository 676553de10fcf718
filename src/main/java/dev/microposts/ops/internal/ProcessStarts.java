package dev.microposts.ops.internal;

import dev.microposts.ops.ProcessNode;
import dev.microposts.ops.ProcessRoles;
import dev.microposts.ops.ProcessStart;
import dev.microposts.ops.Releases;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Records this process's start with its build, so an incident can be laid beside the release before it. */
@Component
class ProcessStarts implements Releases {

    private static final Logger log = LoggerFactory.getLogger(ProcessStarts.class);

    private final JdbcClient jdbc;
    private final Clock clock;
    private final ProcessNode node;
    private final String role;

    ProcessStarts(JdbcClient jdbc, Clock clock, ProcessNode node, ProcessRoles roles) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.node = node;
        this.role = roles.label();
    }

    @EventListener
    void ready(ApplicationReadyEvent event) {
        if (!(event.getApplicationContext() instanceof WebServerApplicationContext)) {
            return; // why: admin commands are not deployments
        }
        BuildVersion build = BuildVersion.current();
        try {
            jdbc.sql("insert into process_starts (node, role, version, commit, started_at) values (?, ?, ?, ?, ?)")
                    .params(node.name(), role, build.version(), build.commit(), Timestamp.from(clock.instant()))
                    .update();
        } catch (DataAccessException e) {
            log.warn("Could not record this process's start: {}", e.toString());
        }
    }

    @Override
    public List<ProcessStart> since(Instant from) {
        List<ProcessStart> starts = new ArrayList<>(
                jdbc.sql("select * from process_starts where started_at < ? order by started_at desc limit 1")
                        .param(Timestamp.from(from))
                        .query(ProcessStarts::start)
                        .list());
        starts.addAll(jdbc.sql("select * from process_starts where started_at >= ? order by started_at")
                .param(Timestamp.from(from))
                .query(ProcessStarts::start)
                .list());
        return starts;
    }

    @Override
    public List<ProcessStart> byProcessSince(Instant from) {
        return jdbc.sql("""
                        select * from (select distinct on (node) * from process_starts where started_at < :from
                                       order by node, started_at desc) as before
                        union all
                        select * from process_starts where started_at >= :from
                        order by started_at""")
                .param("from", Timestamp.from(from))
                .query(ProcessStarts::start)
                .list();
    }

    private static ProcessStart start(java.sql.ResultSet row, int number) throws java.sql.SQLException {
        return new ProcessStart(
                row.getString("node"),
                row.getString("role"),
                row.getString("version"),
                row.getString("commit"),
                row.getTimestamp("started_at").toInstant());
    }
}
