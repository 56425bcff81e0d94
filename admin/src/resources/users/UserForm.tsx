import { Typography } from '@mui/material';
import {
  AutocompleteInput,
  BooleanInput,
  Create,
  Edit,
  email,
  minLength,
  PasswordInput,
  ReferenceInput,
  required,
  SelectArrayInput,
  SelectInput,
  SimpleForm,
  TextInput,
  useTranslate,
} from 'react-admin';
import { useApiQuery } from '../../dashboard/api';
import { useEnumChoices } from '../projects/shared';

interface Choices {
  fiscalDivisions: { items: Array<{ code: string; name: string }> };
  financeDivisions: { items: Array<{ id: string; name: string; kind: string }> };
  me: { fiscalDivisionCode: string } | null;
}

const CHOICES = `{
  fiscalDivisions(limit: 200) { items { code name } }
  financeDivisions(limit: 200) { items { id name kind } }
  me { fiscalDivisionCode }
}`;

function Section({ label }: { label: string }) {
  const translate = useTranslate();
  return (
    <Typography variant="subtitle2" color="text.secondary" sx={{ mt: 2 }}>
      {translate(`resources.users.sections.${label}`)}
    </Typography>
  );
}

const passwordRule = [minLength(10)];

/** The user form: account, roles and their scope (department or finance division), contact data. */
function UserFields({ create }: { create: boolean }) {
  const translate = useTranslate();
  const roles = useEnumChoices('Role');
  const { data } = useApiQuery<Choices>(CHOICES);
  const h = (key: string) => translate(`resources.users.helper.${key}`);
  return (
    <>
      <Section label="account" />
      <TextInput source="loginName" validate={required()} disabled={!create} />
      <TextInput source="displayName" validate={required()} />
      {create ? (
        <PasswordInput source="password" validate={[required(), ...passwordRule]} helperText={h('password')} />
      ) : (
        <PasswordInput
          source="password"
          label="resources.users.fields.newPassword"
          validate={passwordRule}
          helperText={h('newPassword')}
        />
      )}
      {create ? null : <BooleanInput source="active" helperText={h('active')} />}
      <Section label="roles" />
      <SelectArrayInput source="roles" choices={roles} validate={required()} helperText={h('roles')} />
      {create ? (
        <SelectInput
          source="fiscalDivisionCode"
          validate={required()}
          choices={(data?.fiscalDivisions.items ?? []).map((d) => ({ id: d.code, name: `${d.name}（${d.code}）` }))}
          defaultValue={data?.me?.fiscalDivisionCode}
          isPending={!data}
        />
      ) : null}
      <ReferenceInput source="department.id" reference="departments" sort={{ field: 'code', order: 'ASC' }}>
        <AutocompleteInput
          optionText="name"
          label="resources.users.fields.departmentId"
          filterToQuery={(q: string) => ({ q })}
          helperText={h('department')}
        />
      </ReferenceInput>
      <SelectInput
        source="financeDivision.id"
        choices={(data?.financeDivisions.items ?? []).map((d) => ({
          id: d.id,
          name: `${d.name}（${translate(`enums.FinanceDivisionKind.${d.kind}`)}）`,
        }))}
        isPending={!data}
        emptyText="—"
        helperText={h('financeDivision')}
      />
      <Section label="contact" />
      <TextInput source="email" validate={email()} />
      <TextInput source="phone" />
    </>
  );
}

type FormData = Record<string, unknown> & {
  department?: { id?: string | null } | null;
  financeDivision?: { id?: string | null } | null;
};

/** Form values → the API's CreateUserInput/UpdateUserInput: ids of the relations, no empty password or contact. */
function toInput({ department, financeDivision, ...rest }: FormData) {
  const out: Record<string, unknown> = {
    ...rest,
    departmentId: department?.id || null,
    financeDivisionId: financeDivision?.id || null,
  };
  for (const key of ['email', 'phone']) if (out[key] === '') out[key] = null;
  if (!out.password) delete out.password;
  return out;
}

export function UserCreate() {
  return (
    <Create transform={toInput} redirect="show">
      <SimpleForm sx={{ maxWidth: 720 }}>
        <UserFields create />
      </SimpleForm>
    </Create>
  );
}

export function UserEdit() {
  return (
    <Edit transform={toInput} mutationMode="pessimistic" redirect="show">
      <SimpleForm sx={{ maxWidth: 720 }}>
        <UserFields create={false} />
      </SimpleForm>
    </Edit>
  );
}
