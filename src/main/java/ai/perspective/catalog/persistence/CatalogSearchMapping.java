package ai.perspective.catalog.persistence;

import ai.perspective.catalog.domain.Model;
import org.hibernate.search.engine.backend.types.Aggregable;
import org.hibernate.search.engine.backend.types.Projectable;
import org.hibernate.search.engine.backend.types.Sortable;
import org.hibernate.search.mapper.orm.mapping.HibernateOrmMappingConfigurationContext;
import org.hibernate.search.mapper.orm.mapping.HibernateOrmSearchMappingConfigurer;
import org.hibernate.search.mapper.pojo.mapping.definition.programmatic.TypeMappingStep;

/**
 * How model cards go into the Lucene index. Mapped here rather than with annotations on
 * {@link Model} so the domain stays free of search technology. Every filter, facet and sort is an
 * index field: a search never joins or scans tables, the database only loads the page of hits.
 */
public class CatalogSearchMapping implements HibernateOrmSearchMappingConfigurer {

    static final String INDEX = "catalog-model";

    @Override
    public void configure(HibernateOrmMappingConfigurationContext context) {
        TypeMappingStep model = context.programmaticMapping().type(Model.class);
        model.indexed().index(INDEX);
        model.property("title").fullTextField().analyzer(CatalogAnalysis.TEXT)
                .keywordField("titleSort").normalizer(CatalogAnalysis.SORT).sortable(Sortable.YES);
        model.property("description").fullTextField().analyzer(CatalogAnalysis.TEXT);
        model.property("tasks")
                .keywordField("tasks").aggregable(Aggregable.YES)
                .fullTextField("tasksText").analyzer(CatalogAnalysis.TEXT);
        model.property("licence").keywordField().aggregable(Aggregable.YES);
        model.property("handle").keywordField().aggregable(Aggregable.YES).sortable(Sortable.YES);
        model.property("name").keywordField().sortable(Sortable.YES);
        model.property("status").keywordField();
        model.property("inputPrice").keywordField("inputPrice").valueBridge(new PriceKey()).sortable(Sortable.YES);
        model.property("outputPrice").keywordField("outputPrice").valueBridge(new PriceKey()).sortable(Sortable.YES);
        model.property("calls").genericField().sortable(Sortable.YES).projectable(Projectable.NO);
        model.property("createdAt").genericField().sortable(Sortable.YES);
    }
}
