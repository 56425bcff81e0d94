/** The department screens' own labels (merged into the dictionaries by i18n/resources.ts). */
export const zh = {
  resources: { departments: { fields: { projects: '项目' }, empty_projects: '该部门尚无项目' } },
};

export const en = {
  resources: {
    departments: { fields: { projects: 'Projects' }, empty_projects: 'No projects for this department yet' },
  },
};
