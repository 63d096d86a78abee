package io.relais.platform.embeddings;

import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;

/**
 * In-process sentence embeddings for every domain (knowledge search, retail's semantic matching): all-MiniLM-L6-v2, quantized (384 dimensions, about 3 ms a passage on one core),
 * from its Maven artifact. Loaded on first use (about 0.5 s, 150-250 MB outside the heap). DJL is kept offline: its
 * tokenizer would otherwise call home to a cloud metadata address at start.
 */
@Configuration(proxyBeanMethods = false)
public class Embeddings {

    static {
        if (System.getProperty("ai.djl.offline") == null) System.setProperty("ai.djl.offline", "true");
    }

    @Bean
    @Lazy
    public EmbeddingModel embeddingModel() {
        return new AllMiniLmL6V2QuantizedEmbeddingModel();
    }
}
