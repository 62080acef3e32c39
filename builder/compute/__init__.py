"""Pure computation on unrounded numbers: periods, the indicator calculus, the report model."""
