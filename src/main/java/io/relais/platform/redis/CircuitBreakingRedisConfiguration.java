package io.relais.platform.redis;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Set;

import io.lettuce.core.ClientOptions;
import io.relais.platform.embedded.EmbeddedRedisServer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.data.redis.LettuceClientConfigurationBuilderCustomizer;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.RedisTemplate;
import org.springframework.util.ClassUtils;

/**
 * Every Redis call of every domain (through a Redis template) goes through one circuit breaker: the templates' connection
 * factory is wrapped so that a connection is refused at once while the circuit is open, and any call that finds Redis
 * away opens it. Lettuce
 * rejects commands while disconnected (instead of queueing them until the command timeout).
 */
@Configuration(proxyBeanMethods = false)
class CircuitBreakingRedisConfiguration {

    private static final Set<String> OPENING = Set.of("getConnection", "getClusterConnection", "getSentinelConnection");

    @Bean
    static RedisCircuitBreaker redisCircuitBreaker(org.springframework.core.env.Environment env) {
        RedisSettings settings = org.springframework.boot.context.properties.bind.Binder.get(env)
                .bindOrCreate("relais.redis", RedisSettings.class);
        return new RedisCircuitBreaker(settings);
    }

    /**
     * The templates every domain uses get the guarded factory; the factory bean itself stays as it is, because Redis
     * pub/sub (the listener container) and Lettuce-specific code look at its concrete type.
     */
    @Bean
    static BeanPostProcessor circuitBreakingRedisTemplates(ObjectProvider<RedisCircuitBreaker> breaker,
                                                           ObjectProvider<RedisConnectionFactory> connections) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessBeforeInitialization(Object bean, String name) {
                if (!(bean instanceof RedisTemplate<?, ?> template)) return bean;
                RedisConnectionFactory factory = template.getConnectionFactory() != null ? template.getConnectionFactory()
                        : connections.getObject();
                if (Proxy.isProxyClass(factory.getClass())) return bean;
                RedisCircuitBreaker circuit = breaker.getObject();
                circuit.probeWith(() -> {
                    try (RedisConnection c = factory.getConnection()) {
                        return "PONG".equalsIgnoreCase(c.ping());
                    }
                });
                template.setConnectionFactory((RedisConnectionFactory) wrap(factory, circuit));
                return bean;
            }
        };
    }

    @Bean
    LettuceClientConfigurationBuilderCustomizer rejectCommandsWhileDisconnected() {
        return builder -> builder.clientOptions(ClientOptions.builder()
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS).build());
    }

    @Bean
    RedisBreakerLifecycle redisBreakerLifecycle(RedisCircuitBreaker breaker, ObjectProvider<EmbeddedRedisServer> embedded) {
        return new RedisBreakerLifecycle(breaker, embedded);
    }

    /** On the embedded default, the probe may start the embedded server again; the probe stops with the context. */
    static final class RedisBreakerLifecycle implements org.springframework.beans.factory.DisposableBean {
        private final RedisCircuitBreaker breaker;
        private final ObjectProvider<EmbeddedRedisServer> embedded;

        RedisBreakerLifecycle(RedisCircuitBreaker breaker, ObjectProvider<EmbeddedRedisServer> embedded) {
            this.breaker = breaker;
            this.embedded = embedded;
        }

        @EventListener(ApplicationReadyEvent.class)
        void ready() {
            EmbeddedRedisServer server = embedded.getIfAvailable();
            if (server != null) breaker.restartEmbeddedWith(server::restart);
        }

        @Override
        public void destroy() {
            breaker.shutdown();
        }
    }

    static Object wrap(RedisConnectionFactory factory, RedisCircuitBreaker circuit) {
        Class<?>[] interfaces = ClassUtils.getAllInterfaces(factory);
        return Proxy.newProxyInstance(factory.getClass().getClassLoader(), interfaces, (proxy, method, args) -> {
            if (OPENING.contains(method.getName())) {
                circuit.checkClosed();
                Object connection = call(factory, method, args, circuit);
                return connection instanceof RedisConnection c ? guarded(c, circuit) : connection;
            }
            return call(factory, method, args, null);
        });
    }

    private static Object guarded(RedisConnection connection, RedisCircuitBreaker circuit) {
        Class<?>[] interfaces = ClassUtils.getAllInterfaces(connection);
        return Proxy.newProxyInstance(connection.getClass().getClassLoader(), interfaces,
                (proxy, method, args) -> call(connection, method, args, "close".equals(method.getName()) ? null : circuit));
    }

    private static Object call(Object target, Method method, Object[] args, RedisCircuitBreaker circuit) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            if (circuit != null) circuit.failed(e.getCause());
            throw e.getCause();
        }
    }
}
