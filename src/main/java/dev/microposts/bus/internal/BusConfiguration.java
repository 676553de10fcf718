package dev.microposts.bus.internal;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableAsync;

/**
 * In-process listeners ({@code @ApplicationModuleListener}) run after commit on the task executor; one that throws
 * leaves its publication failed, which {@link EventRedelivery} reports and resubmits.
 */
@Configuration(proxyBeanMethods = false)
@EnableAsync
class BusConfiguration {}
