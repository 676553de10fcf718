package dev.microposts.ops.internal;

import dev.microposts.engines.BackingServices;
import dev.microposts.ops.ProcessNode;
import dev.microposts.ops.ProcessRoles;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.binder.jvm.DiskSpaceMetrics;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.task.support.ContextPropagatingTaskDecorator;

/** What every process reports about itself, and the trace carried into asynchronous event listeners. */
@Configuration(proxyBeanMethods = false)
class ObservabilityConfiguration {

    @Bean
    ProcessRoles processRoles(Environment environment) {
        return RolesEnvironment.roles(environment);
    }

    @Bean
    ProcessNode processNode(Environment environment) {
        return ProcessNode.of(HostName.of(environment), RolesEnvironment.label(environment));
    }

    /**
     * Asynchronous event listeners run on the application's task executor; this carries the trace of the
     * request or task that published the event to them, and on to the tasks they enqueue.
     */
    @Bean
    ContextPropagatingTaskDecorator contextPropagatingTaskDecorator() {
        return new ContextPropagatingTaskDecorator();
    }

    /** {@code disk_free_bytes} and {@code disk_total_bytes} of the data directory, which fills first. */
    @Bean
    MeterBinder dataDirectoryDiskSpace(BackingServices services) {
        return new DiskSpaceMetrics(services.dataDirectory().toFile());
    }

    /** {@code build_info{version, commit} 1}: which release this process runs. */
    @Bean
    MeterBinder buildInfo() {
        BuildVersion build = BuildVersion.current();
        return registry -> Gauge.builder("build.info", () -> 1)
                .description("The release this process runs")
                .tag("version", build.version())
                .tag("commit", build.commit())
                .register(registry);
    }
}
