/** The user screens' own labels (merged into the dictionaries by i18n/resources.ts). */
export const zh = {
  resources: {
    users: {
      fields: {
        q: '搜索登录名或姓名',
        role: '角色',
        departmentId: '所属部门',
        'department.id': '所属部门',
        'department.name': '所属部门',
        financeDivision: '所属处室',
        'financeDivision.id': '所属处室',
        'financeDivision.name': '所属处室',
        fiscalDivisionCode: '财政区划',
        fiscalDivision: '财政区划',
        'fiscalDivision.name': '财政区划',
        password: '初始密码',
        newPassword: '重置密码',
        updatedAt: '修改时间',
      },
      helper: {
        roles: '同一用户的角色须属于同一数据范围：部门角色、支出处室审核员或局内角色',
        department: '部门绩效管理员、单位填报员必填',
        financeDivision: '支出处室审核员必填',
        password: '至少 10 位，须同时包含字母和数字；用户登录后应自行修改',
        newPassword: '留空则不修改密码',
        active: '停用后该用户不能登录，已签发的刷新令牌立即作废',
      },
      sections: { account: '账号', roles: '角色与数据范围', contact: '联系方式' },
    },
  },
};

export const en = {
  resources: {
    users: {
      fields: {
        q: 'Search login or name',
        role: 'Role',
        departmentId: 'Department',
        'department.id': 'Department',
        'department.name': 'Department',
        financeDivision: 'Finance division',
        'financeDivision.id': 'Finance division',
        'financeDivision.name': 'Finance division',
        fiscalDivisionCode: 'Fiscal division',
        fiscalDivision: 'Fiscal division',
        'fiscalDivision.name': 'Fiscal division',
        password: 'Initial password',
        newPassword: 'Reset password',
        updatedAt: 'Updated',
      },
      helper: {
        roles: 'Roles of one scope only: department roles, expenditure reviewer, or bureau roles',
        department: 'Required for department officers and unit preparers',
        financeDivision: 'Required for expenditure reviewers',
        password: 'At least 10 characters with letters and digits; the user should change it after signing in',
        newPassword: 'Leave empty to keep the password',
        active: 'An inactive user cannot sign in; its refresh tokens are revoked at once',
      },
      sections: { account: 'Account', roles: 'Roles and scope', contact: 'Contact' },
    },
  },
};
