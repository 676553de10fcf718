package dev.microposts.posts.internal;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * @param maxLength the longest post, in Unicode code points
 */
@Validated
@ConfigurationProperties("microposts.posts")
record PostsProperties(@Min(1) @Max(100_000) int maxLength) {}
