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
        return new BrokerUrl(withoutCredentials, decode(parts[0]), parts.length > 1 ? decode(parts[1]) : null);
    }

    private static String decode(String part) {
        // percent-decoding only: URLDecoder is for form data, where '+' means a space
        return URLDecoder.decode(part.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
