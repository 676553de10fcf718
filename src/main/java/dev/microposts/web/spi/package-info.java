/**
 * How other modules take part in the HTTP edge without reaching into it: they declare what is special about
 * their routes by implementing {@link dev.microposts.web.spi.RouteTraits}, place their own servlet filters
 * by {@link dev.microposts.web.spi.FilterOrder}, bound a body they read themselves with
 * {@link dev.microposts.web.spi.BodyLimits}, and give the build every response names as a
 * {@link dev.microposts.web.spi.ServiceVersion}. The edge's filters ask the declared traits; no module sets the
 * edge's request attributes or knows its filters.
 */
@NamedInterface("spi")
package dev.microposts.web.spi;

import org.springframework.modulith.NamedInterface;
