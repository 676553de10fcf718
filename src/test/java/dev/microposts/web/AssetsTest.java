package dev.microposts.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.microposts.support.ApiTest;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every stylesheet, script and icon a page links is served, under a name with its content hash, cached for a
 * year; a name without the hash or outside the assets is not a file.
 */
class AssetsTest extends ApiTest {

    private static final Pattern LINKED = Pattern.compile("(?:href|src)=\"(/assets/[^\"]+)\"");

    @Test
    void everyAssetAPageLinksIsServedUnderItsContentHash() {
        var page = api.get("/login");
        assertThat(page.status()).isEqualTo(200);
        Matcher links = LINKED.matcher(page.body());
        List<String> assets = links.results().map(m -> m.group(1)).toList();
        assertThat(assets)
                .as("the layout links a stylesheet, the scripts and the icon")
                .anyMatch(a -> a.endsWith(".css"))
                .anyMatch(a -> a.contains("/js/player-"))
                .anyMatch(a -> a.contains("/js/compose-"))
                .anyMatch(a -> a.endsWith(".svg"));
        for (String asset : assets) {
            assertThat(asset).as("fingerprinted").matches(".*-[0-9a-f]{32}\\.[a-z]+$");
            var file = api.get(asset);
            assertThat(file.status()).as(asset).isEqualTo(200);
            assertThat(file.body()).as(asset).isNotBlank();
            assertThat(file.header("Cache-Control")).as(asset).contains("max-age=31536000");
        }
        assertThat(api.get("/assets/js/compose.js").status()).isEqualTo(200);
        assertThat(api.get("/assets/../application.yml").status()).isNotEqualTo(200);
        assertThat(api.get("/assets/application.yml").status()).isEqualTo(404);
    }
}
