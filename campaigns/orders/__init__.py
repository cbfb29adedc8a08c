"""Orders of physical campaign material: the school's order form and history, the coordinators'
order handling, packing and picking lists, exports."""
