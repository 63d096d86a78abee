package io.relais.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import io.relais.testsupport.AppTest;
import org.apache.camel.component.platform.http.springboot.CamelRequestHandlerMapping;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.core.annotation.AnnotationAwareOrderComparator;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerAdapter;

/**
 * A Camel REST verb is answered by its consumer on the request thread in one pass: the handler Spring MVC finds for it
 * is a {@link CamelRestConsumer}, and the first adapter the DispatcherServlet asks (its own order) is
 * {@link CamelRestHandlerAdapter}, not Spring MVC's, which would start async processing and dispatch the request again.
 */
class CamelRestDispatchTest extends AppTest {

    @Autowired
    ApplicationContext context;

    @Test
    void a_camel_rest_verb_goes_straight_to_its_consumer() throws Exception {
        var request = new MockHttpServletRequest("GET", "/api/auth/session");
        Object handler = context.getBean(CamelRequestHandlerMapping.class).getHandler(request).getHandler();
        assertThat(((HandlerMethod) handler).getBean()).isInstanceOf(CamelRestConsumer.class);

        List<HandlerAdapter> adapters = new ArrayList<>(context.getBeansOfType(HandlerAdapter.class).values());
        AnnotationAwareOrderComparator.sort(adapters);
        HandlerAdapter chosen = adapters.stream().filter(a -> a.supports(handler)).findFirst().orElseThrow();
        assertThat(chosen).isInstanceOf(CamelRestHandlerAdapter.class);
    }
}
