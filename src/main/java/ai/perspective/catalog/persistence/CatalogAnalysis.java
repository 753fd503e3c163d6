package ai.perspective.catalog.persistence;

import org.hibernate.search.backend.lucene.analysis.LuceneAnalysisConfigurationContext;
import org.hibernate.search.backend.lucene.analysis.LuceneAnalysisConfigurer;

/**
 * Analysis for model cards: English text folded to ASCII and stemmed, so "embedding" finds
 * "Embeddings" and "modèle" finds "modele"; sort keys lower-cased.
 */
public class CatalogAnalysis implements LuceneAnalysisConfigurer {

    static final String TEXT = "catalog-text";
    static final String SORT = "catalog-sort";

    @Override
    public void configure(LuceneAnalysisConfigurationContext context) {
        context.analyzer(TEXT).custom()
                .tokenizer("standard")
                .tokenFilter("lowercase")
                .tokenFilter("asciiFolding")
                .tokenFilter("porterStem");
        context.normalizer(SORT).custom()
                .tokenFilter("lowercase")
                .tokenFilter("asciiFolding");
    }
}
