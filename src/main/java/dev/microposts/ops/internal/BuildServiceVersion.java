package dev.microposts.ops.internal;

import dev.microposts.web.spi.ServiceVersion;
import org.springframework.stereotype.Component;

/** The edge's version header states the same label as the logs, the metrics and the start-up line. */
@Component
class BuildServiceVersion implements ServiceVersion {

    private final String label = BuildVersion.current().label();

    @Override
    public String label() {
        return label;
    }
}
