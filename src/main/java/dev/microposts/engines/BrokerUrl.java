package dev.microposts.engines;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * An Artemis address as operators write it: {@code tcp://user:password@broker:61616}, or any Artemis
 * core URL ({@code (tcp://a:61616,tcp://b:61616)?ha=true}) with credentials given separately.
 */
record BrokerUrl(String url, String user, String password) {

    static BrokerUrl parse(String value) {
        String url = value.trim();
        if (!url.startsWith("tcp://")) {
            return new BrokerUrl(url, null, null);
        }
        URI uri = URI.create(url);
        if (uri.getRawUserInfo() == null) {
            return new BrokerUrl(url, null, null);
        }
        String[] parts = uri.getRawUserInfo().split(":", 2);
        String withoutCredentials = url.replaceFirst("//[^/@]*@", "//");
        return new BrokerUrl(
                withoutCredentials,
                URLDecoder.decode(parts[0], StandardCharsets.UTF_8),
                parts.length > 1 ? URLDecoder.decode(parts[1], StandardCharsets.UTF_8) : null);
    }
}
