package dev.microposts.support;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.support.DefaultSingletonBeanRegistry;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;

/** Gives the context of a class marked {@link OwnDataDirectory} its directory; registered in spring.factories. */
record OwnDataDirectoryCustomizer(String testClass) implements ContextCustomizer {

    /** What {@link ApiTest} reads to tell its own shared directory from a subclass's own. */
    private static final String API_TEST_OWN = ApiTest.OWN_DATA_DIR;

    @Override
    public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration configuration) {
        Path directory = TestData.create(testClass);
        String path = directory.toString();
        context.getEnvironment()
                .getPropertySources()
                .addFirst(new MapPropertySource(
                        "own-data-directory", Map.of("microposts.data-dir", path, API_TEST_OWN, path)));
        // why: the first disposable bean registered is the last destroyed, after the engines have stopped
        ((DefaultSingletonBeanRegistry) context.getBeanFactory())
                .registerDisposableBean("ownDataDirectoryRemoval", () -> TestData.delete(directory));
    }

    static final class Factory implements ContextCustomizerFactory {

        @Override
        public ContextCustomizer createContextCustomizer(
                Class<?> testClass, List<ContextConfigurationAttributes> configurationAttributes) {
            return AnnotatedElementUtils.hasAnnotation(testClass, OwnDataDirectory.class)
                    ? new OwnDataDirectoryCustomizer(testClass.getSimpleName())
                    : null;
        }
    }
}
