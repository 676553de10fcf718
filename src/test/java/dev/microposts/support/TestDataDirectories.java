package dev.microposts.support;

import java.nio.file.Path;
import org.junit.jupiter.api.extension.AnnotatedElementContext;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.io.TempDirFactory;

/**
 * Makes every {@code @TempDir} under {@code target/test-data}, named after its test class, so that the directory
 * of a failed test, which JUnit keeps (see {@code junit-platform.properties}), is easy to find. The default for
 * all tests, set in {@code junit-platform.properties}.
 */
public final class TestDataDirectories implements TempDirFactory {

    @Override
    public Path createTempDirectory(AnnotatedElementContext elementContext, ExtensionContext extensionContext) {
        return TestData.create(
                extensionContext.getTestClass().map(Class::getSimpleName).orElse("test"));
    }
}
