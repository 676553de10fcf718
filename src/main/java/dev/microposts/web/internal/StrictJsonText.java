package dev.microposts.web.internal;

import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.type.LogicalType;

/**
 * A JSON number or boolean where the API expects text is refused, not stored as its digits: a client that
 * sends {@code "text": 12345} has a bug it should hear about, and the error names the field.
 */
@Configuration(proxyBeanMethods = false)
class StrictJsonText {

    @Bean
    JsonMapperBuilderCustomizer refuseScalarsAsText() {
        return builder -> builder.withCoercionConfig(
                LogicalType.Textual, text -> text.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail));
    }
}
