package dev.microposts.web.internal;

import org.apache.coyote.http11.AbstractHttp11Protocol;
import org.springframework.boot.tomcat.TomcatProtocolHandlerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** How the web server speaks HTTP where its defaults do not suit a service that takes large uploads. */
@Configuration(proxyBeanMethods = false)
class HttpServerConfiguration {

    /**
     * A client that sends {@code Expect: 100-continue} (curl does for bodies over 1 MB) is told to go on only
     * when the application starts reading the body. An upload refused before that (too large, or while the
     * video backlog is full) gets its answer before a byte of the body is sent, instead of after all of them.
     */
    @Bean
    TomcatProtocolHandlerCustomizer<AbstractHttp11Protocol<?>> continueOnRead() {
        return protocol -> protocol.setContinueResponseTiming("onRead");
    }
}
