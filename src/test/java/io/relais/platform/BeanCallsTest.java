package io.relais.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;

import io.relais.testsupport.AppTest;
import org.apache.camel.CamelContext;
import org.apache.camel.model.BeanDefinition;
import org.apache.camel.model.Model;
import org.apache.camel.model.ProcessorDefinitionHelper;
import org.apache.camel.model.RouteDefinition;
import org.junit.jupiter.api.Test;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/**
 * Every {@code bean} step of every route names a method that exists and that Camel can choose without a body to
 * choose by: the hourly disk watch (a Quartz route, no body) failed every hour with "Ambiguous method invocations"
 * because {@code checkDisk()} had an overload.
 */
class BeanCallsTest extends AppTest {

    @Autowired
    CamelContext camel;
    @Autowired
    ApplicationContext spring;

    @Test
    void every_bean_step_names_exactly_one_method() {
        List<String> wrong = new ArrayList<>();
        Model model = camel.getCamelContextExtension().getContextPlugin(Model.class);
        int checked = 0;
        for (RouteDefinition route : model.getRouteDefinitions()) {
            for (BeanDefinition step : ProcessorDefinitionHelper.filterTypeInOutputs(route.getOutputs(), BeanDefinition.class)) {
                if (step.getRef() == null || step.getMethod() == null || step.getMethod().contains("(")) continue;
                Class<?> type = AopUtils.getTargetClass(spring.getBean(step.getRef()));
                long candidates = countMethods(type, step.getMethod());
                checked++;
                if (candidates != 1) {
                    wrong.add(route.getRouteId() + ": " + step.getRef() + "." + step.getMethod() + " has " + candidates + " candidates");
                }
            }
        }
        assertThat(checked).as("bean steps checked").isGreaterThan(100);
        assertThat(wrong).as("bean steps Camel cannot resolve to one method (give the signature: method: \"name(int)\")").isEmpty();
    }

    private static long countMethods(Class<?> type, String name) {
        List<String> seen = new ArrayList<>();
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Method m : c.getDeclaredMethods()) {
                if (!m.getName().equals(name) || Modifier.isPrivate(m.getModifiers()) || m.isBridge() || m.isSynthetic()) continue;
                String signature = java.util.Arrays.toString(m.getParameterTypes());
                if (!seen.contains(signature)) seen.add(signature);
            }
        }
        return seen.size();
    }
}
