package dev.microposts.tasks.internal;

import dev.microposts.tasks.Tasks;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.springframework.boot.artemis.autoconfigure.ArtemisConfigurationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What the embedded broker does with task messages that keep failing. Without a dead-letter address Artemis
 * deletes a message after its last delivery attempt; the workers move given-up tasks to {@link
 * Tasks#DEAD_LETTER_QUEUE} themselves, and these settings make the broker do the same for a task whose worker
 * keeps dying before it can. A standalone broker needs the same address settings (see the README).
 */
@Configuration(proxyBeanMethods = false)
class TaskBrokerSettings {

    @Bean
    ArtemisConfigurationCustomizer taskAddressSettings() {
        return configuration -> configuration.addAddressSetting(
                "tasks.#",
                new AddressSettings()
                        .setDeadLetterAddress(
                                org.apache.activemq.artemis.api.core.SimpleString.of(Tasks.DEAD_LETTER_QUEUE))
                        .setAutoCreateDeadLetterResources(false)
                        .setMaxDeliveryAttempts(20)
                        .setRedeliveryDelay(1000)
                        .setRedeliveryMultiplier(2)
                        .setMaxRedeliveryDelay(60_000));
    }
}
