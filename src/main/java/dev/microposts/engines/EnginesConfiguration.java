package dev.microposts.engines;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

@Configuration(proxyBeanMethods = false)
class EnginesConfiguration {

    @Bean
    BackingServices backingServices(Environment environment) {
        return BackingServicesEnvironment.describe(environment);
    }
}
