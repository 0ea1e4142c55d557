"""The rhetoric of official writing (issue 19): the DataFrames around wenmai_rhetoric."""
