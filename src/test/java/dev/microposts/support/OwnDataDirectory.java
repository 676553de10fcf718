package dev.microposts.support;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.test.annotation.DirtiesContext;

/**
 * For a test class whose settings give it an application context of its own, started while the shared one still
 * runs: two contexts cannot share one set of embedded engines, so its context gets a data directory of its own
 * under {@code target/test-data}, named after the class, and closes after the class (hence {@link DirtiesContext}).
 * The directory is deleted once that context has closed and its engines have stopped writing to it. Read it, when
 * a test needs to, from {@code microposts.data-dir}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@DirtiesContext
public @interface OwnDataDirectory {}
