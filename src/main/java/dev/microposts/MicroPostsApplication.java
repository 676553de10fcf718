package dev.microposts;

import java.time.Clock;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * MicroPosts: a microblog whose posts can carry videos. By default every engine it needs (PostgreSQL,
 * the Artemis broker) runs inside this one process; URLs in the environment attach external ones.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class MicroPostsApplication {

    public static void main(String[] args) {
        SpringApplication.run(MicroPostsApplication.class, args);
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
