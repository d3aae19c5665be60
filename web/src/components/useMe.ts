import { useQuery } from '@tanstack/react-query';
import { me, type Role } from '../api/auth';
import { useApp } from '../app';

/** Who is signed in (roles, premium), or undefined while signed out. */
export const useMe = () => {
  const { api, session } = useApp();
  return useQuery({ queryKey: ['me', session?.accessToken], queryFn: () => me(api), enabled: session !== null });
};

export const useHasRole = (role: Role): boolean => {
  const { data } = useMe();
  return data?.roles.includes(role) === true || data?.roles.includes('admin') === true;
};
