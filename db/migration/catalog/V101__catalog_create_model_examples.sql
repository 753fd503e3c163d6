-- Example prompts a creator gives for a model: requests it is good at. The Routing AI learns from
-- them which model fits a perspective/auto request; the model page shows them. Kept in order.
create table catalog_model_example (
    model_id varchar(129)  not null references catalog_model (id),
    idx      int           not null,
    prompt   varchar(1000) not null,
    primary key (model_id, idx)
);
