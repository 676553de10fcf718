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

    /**
     * The address without anything that may be a credential, for the start-up line and logs: user
     * information in any of the listed servers, and the values of {@code user}, {@code password} and every
     * {@code ...Password} option, wherever they are written.
     */
    String safeForLogs() {
        return url.replaceAll("//[^/@,()]*@", "//")
                .replaceAll("(?i)([?&;]\\s*(user|username|[a-z]*password|passwd)=)[^&;,()]*", "$1***");
    }

    private static String decode(String part) {
        // percent-decoding only: URLDecoder is for form data, where '+' means a space
        return URLDecoder.decode(part.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
